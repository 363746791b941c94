// The `data` of each kind of live event (see the backend's live channel).

export type ObservationsData = { metrics: string[]; inserted: number; updated: number };

export type PostsData = { inserted: number; updated: number };

export type ScoreData = {
  computedAt: string;
  asOf: string;
  score: number;
  quality: number;
  coverage: number;
  authenticityFactor: number;
  cause: 'data' | 'weights' | 'methodology';
  previousScore: number | null;
  methodologyVersion: string;
  weights: Record<string, number>;
};

export type Viewer = { userId: string; name: string; since: string };

export type PresenceData = { viewers: Viewer[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metric keys of an `observations` event (empty when the data is not as expected). */
export function observedMetrics(data: unknown): string[] {
  return isRecord(data) && Array.isArray(data.metrics) ? data.metrics.filter((m): m is string => typeof m === 'string') : [];
}

/** The viewers of a `presence` event (empty when the data is not as expected). */
export function presenceViewers(data: unknown): Viewer[] {
  if (!isRecord(data) || !Array.isArray(data.viewers)) {
    return [];
  }
  return data.viewers.filter(
    (v): v is Viewer => isRecord(v) && typeof v.userId === 'string' && typeof v.name === 'string' && typeof v.since === 'string',
  );
}
