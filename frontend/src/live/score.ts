import type { ClientScoreSummary, ScoreHistory, ScoreHistoryPoint, ZoomFactorScore } from '../api/types.ts';

/**
 * A `score` event: the history point the server recorded and the explanation `GET /score` now answers,
 * so that the client page, its score history and the portfolio row update in place without asking again.
 */
export type ScoreUpdate = { point: ScoreHistoryPoint; explanation: ZoomFactorScore };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPoint(data: Record<string, unknown>): boolean {
  return (
    typeof data.computedAt === 'string' &&
    typeof data.asOf === 'string' &&
    typeof data.score === 'number' &&
    typeof data.quality === 'number' &&
    typeof data.coverage === 'number' &&
    typeof data.authenticityFactor === 'number' &&
    (data.cause === 'data' || data.cause === 'weights' || data.cause === 'methodology') &&
    typeof data.methodologyVersion === 'string' &&
    isRecord(data.weights)
  );
}

function isExplanation(value: unknown): value is ZoomFactorScore {
  return (
    isRecord(value) &&
    typeof value.clientId === 'string' &&
    typeof value.asOf === 'string' &&
    // events recorded before scores carried their window lack it: the score is then read again
    isRecord(value.window) &&
    typeof value.window.days === 'number' &&
    typeof value.score === 'number' &&
    isRecord(value.authenticity) &&
    Array.isArray(value.components) &&
    Array.isArray(value.drivers)
  );
}

/** The update a `score` event carries; null when it is not one (the page then reads the score again). */
export function scoreUpdate(data: unknown): ScoreUpdate | null {
  if (!isRecord(data) || !isPoint(data) || !isExplanation(data.explanation)) {
    return null;
  }
  const { explanation, ...point } = data;
  return {
    point: { ...(point as ScoreHistoryPoint), previousScore: typeof point.previousScore === 'number' ? point.previousScore : null },
    explanation,
  };
}

/**
 * The history with a point the server pushed: the same point (the same `computedAt`) replaced, a new one
 * added in order; a point computed outside the history's days (UTC) leaves it as it is.
 */
export function withHistoryPoint<H extends Pick<ScoreHistory, 'from' | 'to' | 'points'>>(history: H, point: ScoreHistoryPoint): H {
  const day = point.computedAt.slice(0, 10);
  const instant = Date.parse(point.computedAt);
  if (Number.isNaN(instant) || day < history.from || day > history.to) {
    return history;
  }
  const others = history.points.filter((p) => Date.parse(p.computedAt) !== instant);
  const points = [...others, point].sort((a, b) => Date.parse(a.computedAt) - Date.parse(b.computedAt));
  return { ...history, points };
}

/**
 * A portfolio row's summary after a pushed score: the figures are the new score's; each change is measured
 * against the same earlier score as before (or, for a first score, there is none); the sparkline's last day
 * takes the new score (a new day adds one).
 */
export function withSummaryPoint(summary: ClientScoreSummary | null | undefined, point: ScoreHistoryPoint): ClientScoreSummary {
  const against = (change: number | null | undefined): number | null =>
    change === null || change === undefined || summary === null || summary === undefined ? null : summary.value - change;
  const earlier = against(summary?.change);
  const day = point.computedAt.slice(0, 10);
  const recent = [...(summary?.recent ?? [])];
  const recentDays = [...(summary?.recentDays ?? [])];
  if (recentDays.length === recent.length && recentDays[recentDays.length - 1] === day) {
    recent[recent.length - 1] = point.score;
  } else {
    recent.push(point.score);
    recentDays.push(day);
  }
  return {
    value: point.score,
    quality: point.quality,
    coverage: point.coverage,
    authenticityFactor: point.authenticityFactor,
    asOf: point.asOf,
    computedAt: point.computedAt,
    methodologyVersion: point.methodologyVersion,
    change: earlier === null ? null : point.score - earlier,
    changeSince: earlier === null ? null : (summary?.changeSince ?? null),
    changes: (summary?.changes ?? []).map((c) => {
      const before = against(c.change);
      return { ...c, change: before === null ? null : point.score - before, since: before === null ? null : c.since };
    }),
    recent,
    recentDays,
    // a score follows a change of data (or of the day or formula): the last data stays as it was read
    dataChangedAt: summary?.dataChangedAt ?? null,
  };
}
