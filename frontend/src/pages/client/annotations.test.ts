import { describe, expect, it } from 'vitest';
import type { ActivityEntry, Annotation } from '../../api/types.ts';
import { activityEntry, annotationChange } from '../../live/types.ts';
import { formatSignedPercent } from '../format.ts';
import { changedFields } from './AnnotationsPanel.tsx';
import { mergeEntries } from './useActivity.ts';
import { applyAnnotationChange } from './useAnnotations.ts';

function annotation(id: string, date: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    clientId: 'c-1',
    date,
    text: `Note ${id}`,
    metric: null,
    visibility: 'internal',
    createdBy: null,
    createdAt: `${date}T10:00:00Z`,
    updatedAt: `${date}T10:00:00Z`,
    ...overrides,
  };
}

function entry(id: number, at: string): ActivityEntry {
  return { id, at, actor: { id: null, name: 'CI export' }, kind: 'data.imported', summary: `entry ${String(id)}` };
}

describe('applyAnnotationChange', () => {
  const list = [annotation('b', '2026-11-10'), annotation('a', '2026-11-01')];

  it('adds a created one in day order, newest first, and replaces one it already has', () => {
    const added = applyAnnotationChange(list, { action: 'created', annotation: annotation('c', '2026-11-05') });
    expect(added.map((a) => a.id)).toEqual(['b', 'c', 'a']);
    const again = applyAnnotationChange(added, { action: 'created', annotation: annotation('c', '2026-11-05') });
    expect(again.map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });

  it('moves an updated one to its new day and removes a deleted one', () => {
    const moved = applyAnnotationChange(list, { action: 'updated', annotation: annotation('a', '2026-11-20', { text: 'Moved' }) });
    expect(moved.map((a) => [a.id, a.text])).toEqual([['a', 'Moved'], ['b', 'Note b']]);
    expect(applyAnnotationChange(list, { action: 'deleted', id: 'b' }).map((a) => a.id)).toEqual(['a']);
    expect(applyAnnotationChange(list, { action: 'deleted', id: 'zzz' })).toEqual(list);
  });
});

describe('changedFields', () => {
  it('sends only what changed, null to clear the metric', () => {
    const before = annotation('a', '2026-11-01', { metric: 'web.pageviews', text: 'Launch' });
    const internal = 'internal' as const;
    expect(changedFields(before, { date: '2026-11-01', text: 'Launch', metric: 'web.pageviews', visibility: internal })).toEqual({});
    expect(changedFields(before, { date: '2026-11-02', text: 'Launch', metric: null, visibility: internal })).toEqual({
      date: '2026-11-02',
      metric: null,
    });
    expect(
      changedFields(annotation('a', '2026-11-01'), { date: '2026-11-01', text: 'New', metric: 'web.visits', visibility: internal }),
    ).toEqual({ text: 'New', metric: 'web.visits' });
    expect(changedFields(before, { date: '2026-11-01', text: 'Launch', metric: 'web.pageviews', visibility: 'public' })).toEqual({
      visibility: 'public',
    });
  });
});

describe('mergeEntries', () => {
  it('keeps entries once each, newest first', () => {
    const merged = mergeEntries([entry(3, '2026-11-03T00:00:00Z'), entry(2, '2026-11-02T00:00:00Z')], [entry(2, '2026-11-02T00:00:00Z'), entry(1, '2026-11-01T00:00:00Z')]);
    expect(merged.map((e) => e.id)).toEqual([3, 2, 1]);
  });
});

describe('live event data', () => {
  it('reads annotation changes, rejecting anything else', () => {
    const a = annotation('a', '2026-11-01');
    expect(annotationChange({ action: 'created', annotation: a })).toEqual({ action: 'created', annotation: a });
    expect(annotationChange({ action: 'updated', annotation: { ...a, metric: undefined } })).toEqual({ action: 'updated', annotation: a });
    expect(annotationChange({ action: 'deleted', id: 'a' })).toEqual({ action: 'deleted', id: 'a' });
    expect(annotationChange({ action: 'deleted' })).toBeNull();
    expect(annotationChange({ action: 'moved', annotation: a })).toBeNull();
    expect(annotationChange({ action: 'created', annotation: { id: 'a' } })).toBeNull();
    expect(annotationChange('nope')).toBeNull();
  });

  it('reads activity entries, rejecting anything else', () => {
    const e = entry(4, '2026-11-04T00:00:00Z');
    expect(activityEntry(e)).toEqual(e);
    expect(activityEntry({ ...e, id: '4' })).toBeNull();
    expect(activityEntry({ ...e, actor: null })).toBeNull();
    expect(activityEntry(null)).toBeNull();
  });
});

describe('formatSignedPercent', () => {
  it.each([
    [0.2222, '+22.2%'],
    [-0.05, '\u22125.0%'],
    [0.00001, '0.0%'],
    [Number.NaN, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatSignedPercent(value)).toBe(expected);
  });
});
