import { describe, expect, it } from 'vitest';
import type { ClientScoreSummary, ScoreHistoryPoint, ZoomFactorScore } from '../api/types.ts';
import { scoreUpdate, withHistoryPoint, withSummaryPoint } from './score.ts';

const explanation: ZoomFactorScore = {
  clientId: 'c-1',
  asOf: '2026-12-06',
  window: { days: 90, from: '2026-09-08', to: '2026-12-06' },
  score: 61.5,
  quality: 61.5,
  coverage: 0.5,
  methodologyVersion: '2026-11.1',
  weights: { byComponent: { attention: 0.15 } },
  authenticity: { factor: 1, signals: [] },
  components: [],
  drivers: [],
};

const point: ScoreHistoryPoint = {
  computedAt: '2026-12-06T10:00:00Z',
  asOf: '2026-12-06',
  score: 61.5,
  quality: 61.5,
  coverage: 0.5,
  authenticityFactor: 1,
  cause: 'data',
  previousScore: null,
  methodologyVersion: '2026-11.1',
  weights: { attention: 0.15, loyalty: 0.15, reach: 0.1, amplification: 0.15, conversation: 0.15, discoverability: 0.15, momentum: 0.15 },
};

describe('score events', () => {
  it('reads the point and the explanation a score event carries', () => {
    expect(scoreUpdate({ ...point, explanation })).toEqual({ point, explanation });
  });

  it('refuses what is not a full score event, so that the page reads the score instead', () => {
    expect(scoreUpdate(point)).toBeNull(); // an older server's event: no explanation
    expect(scoreUpdate({ ...point, explanation: { score: 1 } })).toBeNull();
    // an older server's explanation, without the window it was computed over
    const windowless: Partial<ZoomFactorScore> = { ...explanation };
    delete windowless.window;
    expect(scoreUpdate({ ...point, explanation: windowless })).toBeNull();
    expect(scoreUpdate({ ...point, cause: 'mood', explanation })).toBeNull();
    expect(scoreUpdate(null)).toBeNull();
  });

  it('adds a pushed point to the history in order, replaces the same point and ignores other days', () => {
    const earlier = { ...point, computedAt: '2026-12-05T09:00:00Z', score: 50 };
    const history = { from: '2026-11-01', to: '2026-12-06', points: [earlier] };
    const added = withHistoryPoint(history, point);
    expect(added.points.map((p) => p.score)).toEqual([50, 61.5]);
    const replaced = withHistoryPoint(added, { ...point, computedAt: '2026-12-06T10:00:00.000Z', score: 62 });
    expect(replaced.points.map((p) => p.score)).toEqual([50, 62]);
    const outside = withHistoryPoint({ ...history, to: '2026-12-05' }, point);
    expect(outside.points).toEqual([earlier]);
  });

  it('updates a portfolio summary in place, its change against the same earlier score', () => {
    const summary: ClientScoreSummary = {
      value: 55,
      quality: 55,
      coverage: 0.4,
      authenticityFactor: 1,
      asOf: '2026-12-05',
      computedAt: '2026-12-05T08:00:00Z',
      methodologyVersion: '2026-11.1',
      change: 5,
      changeSince: '2026-11-01',
      changes: [
        { days: 7, change: 1, since: '2026-11-28' },
        { days: 30, change: 5, since: '2026-11-01' },
        { days: 90, change: null, since: null },
      ],
      recent: [48, 50, 55],
      recentDays: ['2026-12-03', '2026-12-04', '2026-12-05'],
      dataChangedAt: '2026-12-05T07:59:00Z',
    };
    const next = withSummaryPoint(summary, point);
    expect(next).toMatchObject({ value: 61.5, coverage: 0.5, asOf: '2026-12-06', change: 11.5, changeSince: '2026-11-01' });
    expect(next.recent).toEqual([48, 50, 55, 61.5]);
    expect(next.recentDays).toEqual(['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(next.changes).toEqual([
      { days: 7, change: 7.5, since: '2026-11-28' },
      { days: 30, change: 11.5, since: '2026-11-01' },
      { days: 90, change: null, since: null },
    ]);
    expect(next.dataChangedAt).toBe('2026-12-05T07:59:00Z');
    // a second score on the same day replaces the sparkline's last value
    expect(withSummaryPoint(next, { ...point, computedAt: '2026-12-06T11:00:00Z', score: 60 }).recent).toEqual([48, 50, 55, 60]);
    // a client's first score has nothing to compare with
    expect(withSummaryPoint(null, point)).toMatchObject({ value: 61.5, change: null, changeSince: null, recent: [61.5] });
  });
});
