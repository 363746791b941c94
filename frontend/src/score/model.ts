// The engine's input and output as JSON, the shapes of the conformance vectors (docs/conformance.md) and of
// GET /api/clients/{id}/score/inputs and GET /api/clients/{id}/score.

/** The component keys, in the order the explanation lists them. */
export const COMPONENTS = [
  'attention',
  'loyalty',
  'reach',
  'amplification',
  'conversation',
  'discoverability',
  'momentum',
] as const;

export type ComponentKey = (typeof COMPONENTS)[number];

export type Verdict = 'up' | 'flat' | 'down';

/** Weights by component; a component left out weighs 0. */
export type WeightsJson = { byComponent: Partial<Record<ComponentKey, number>> };

export type DailyValueJson = { date: string; value: number | string };

export type PostJson = {
  channel: string;
  publishedAt: string;
  text: string | null;
  impressions: number;
  interactions: number;
};

/** Everything the score needs for one client on one day. */
export type ScoreInputJson = {
  asOf: string;
  windowDays: number;
  daily?: Record<string, DailyValueJson[]> | null;
  breakdowns?: Record<string, Record<string, number>> | null;
  posts?: PostJson[] | null;
  competitors?: Record<string, (number | null)[]> | null;
  weights?: WeightsJson | null;
};

export type MetricScoreJson = {
  metric: string;
  value: number;
  baseline: number | null;
  normalized: number;
  weight: number;
  contribution: number;
  trend: Verdict | null;
};

export type ComponentScoreJson = {
  key: ComponentKey;
  label: string;
  measured: boolean;
  score: number | null;
  weight: number;
  contribution: number;
  metrics: MetricScoreJson[];
};

export type SignalJson = { key: string; message: string; discount: number };

export type DriverJson = { message: string; delta: number };

/** A score with its whole explanation, unrounded. */
export type ZoomFactorJson = {
  asOf: string;
  /** null when the client is not scored (never a 0); `reason` says why. */
  score: number | null;
  quality: number | null;
  coverage: number;
  methodologyVersion: string;
  weights: WeightsJson;
  authenticity: { factor: number; signals: SignalJson[] };
  components: ComponentScoreJson[];
  drivers: DriverJson[];
  reason: string | null;
};
