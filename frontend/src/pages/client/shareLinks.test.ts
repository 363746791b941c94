import { describe, expect, it } from 'vitest';
import type { Metric, ShareLink } from '../../api/types.ts';
import { shareLinkChange } from '../../live/types.ts';
import { choiceOf, shareChoices } from './ShareLinksPanel.tsx';
import { applyShareLinkChange } from './useShareLinks.ts';

const METRICS = [
  { key: 'web.pageviews', label: 'Page views' },
  { key: 'web.unique_visitors', label: 'Unique visitors' },
] as Metric[];

function link(id: string, overrides: Partial<ShareLink> = {}): ShareLink {
  return {
    id,
    clientId: 'c-1',
    createdAt: '2026-11-20T09:00:00Z',
    createdBy: null,
    expiresAt: null,
    passwordProtected: false,
    revokedAt: null,
    status: 'active',
    shows: { score: true, metrics: null, annotations: 'public', goals: true, defaultDays: 90 },
    ...overrides,
  };
}

describe('share links', () => {
  it('puts a created link first, and a changed or revoked one where it stands', () => {
    const list = [link('l-2'), link('l-1')];
    expect(applyShareLinkChange(list, { action: 'created', link: link('l-3') }).map((l) => l.id)).toEqual(['l-3', 'l-2', 'l-1']);
    const changed = link('l-1', { shows: { ...link('l-1').shows, goals: false } });
    expect(applyShareLinkChange(list, { action: 'updated', link: changed })).toEqual([list[0], changed]);
    const revoked = link('l-2', { status: 'revoked' });
    expect(applyShareLinkChange(list, { action: 'revoked', link: revoked }).map((l) => l.status)).toEqual(['revoked', 'active']);
  });

  it('reads an "updated" share_link event like the others', () => {
    expect(shareLinkChange({ action: 'updated', link: link('l-1') })).toEqual({ action: 'updated', link: link('l-1') });
    expect(shareLinkChange({ action: 'renamed', link: link('l-1') })).toBeNull();
  });

  it('fills the edit form with what a link shows, and sends the same back unchanged', () => {
    const all = choiceOf(link('l-1').shows, METRICS);
    expect(all).toEqual({ parts: ['score', 'goals'], metrics: ['web.pageviews', 'web.unique_visitors'], annotations: 'public', days: '90' });
    expect(shareChoices(all.parts, all.metrics, METRICS, all.annotations)).toEqual({ score: true, goals: true, annotations: 'public', metrics: null });
    const some = choiceOf({ score: false, metrics: ['web.pageviews'], annotations: 'none', goals: false, defaultDays: 7 }, METRICS);
    expect(some).toEqual({ parts: [], metrics: ['web.pageviews'], annotations: 'none', days: '7' });
    expect(shareChoices(some.parts, some.metrics, METRICS, some.annotations)).toEqual({ score: false, goals: false, annotations: 'none', metrics: ['web.pageviews'] });
  });
});
