import { useId } from 'react';
import type { DimensionBreakdown, DimensionKind, Metric, Series } from '../../api/types.ts';
import { LoadError } from '../../components/Feedback.tsx';
import { MetricChart, type AnnotationInput } from '../../components/MetricChart.tsx';
import { formatDay, formatPeriod, formatValue, trendText, trendTone } from '../format.ts';
import { aggregationText, windowValue } from './clientView.ts';
import type { DayRange } from './period.ts';
import { useDailySeries, usePreviousSeries, useTopDimensions, type CardState } from './useMetricData.ts';

/** How many top dimensions a breakdown card lists. */
export const TOP_SHOWN = 5;

const TOP_TITLES: Record<DimensionKind, string> = {
  page: 'Top pages',
  account: 'Top retweeters',
  list: 'Top lists',
  query: 'Top queries',
};

type Props = {
  metric: Metric;
  series: CardState<Series>;
  /** Null for a metric without breakdown. */
  top: CardState<DimensionBreakdown> | null;
  /** Loads this metric again ("Try again"). */
  onRetry: () => void;
  /** The client's annotations (or bare days), marked on the chart with their text on hover. */
  annotations?: readonly AnnotationInput[];
  /** The same metric over the period before, overlaid as the comparison line. */
  previous?: Series | undefined;
  /** The metric's value over the page's window, rolled up from its daily series, and that window's name. */
  window?: { label: string; daily: CardState<Series> };
};

/** One metric of a client: its question, latest value, trend, chart, period values and top dimensions. */
export function MetricCard({ metric, series, top, onRetry, annotations, window, previous }: Props) {
  const titleId = useId();
  const stale = series.stale || (top?.stale ?? false);
  return (
    <article className="card metric-card" aria-labelledby={titleId} aria-busy={stale}>
      <h5 id={titleId} className="metric-title">
        {metric.label}
      </h5>
      <p className="metric-question">{metric.question}</p>
      {window !== undefined && <WindowValue metric={metric} label={window.label} daily={window.daily} />}
      <SeriesView metric={metric} series={series} onRetry={onRetry} annotations={annotations} previous={previous} />
      {metric.dimension !== null && top !== null && <TopDimensions kind={metric.dimension} metric={metric} top={top} onRetry={onRetry} />}
    </article>
  );
}

type ClientCardProps = Omit<Props, 'top' | 'window'> & { clientId: string; range: DayRange; windowLabel: string };

/** A metric card of the client page: it loads its own top dimensions and daily series (for its window value). */
export function ClientMetricCard({ clientId, range, windowLabel, ...card }: ClientCardProps) {
  const top = useTopDimensions(clientId, card.metric, range);
  const daily = useDailySeries(clientId, card.metric, range);
  const shown = card.series.state.kind === 'loaded' ? card.series.state.data.granularity : 'day';
  const previous = usePreviousSeries(clientId, card.metric, range, shown);
  return <MetricCard {...card} top={top} window={{ label: windowLabel, daily }} previous={previous} />;
}

/** "Bounce rate 51.6% · daily average · last 30 days": the number the score would read over the same window. */
function WindowValue({ metric, label, daily }: { metric: Metric; label: string; daily: CardState<Series> }) {
  if (daily.state.kind !== 'loaded') {
    return null;
  }
  const value = windowValue(metric, daily.state.data);
  return (
    <p className="metric-window-value" data-testid={`window-${metric.key}`}>
      {value === null ? (
        <span className="muted">No daily value over the {label}</span>
      ) : (
        <>
          <strong>{formatValue(value, metric.unit)}</strong>{' '}
          <span className="metric-window">
            · {aggregationText(metric)} · {label}
          </span>
        </>
      )}
    </p>
  );
}

function SeriesView({ metric, series, onRetry, annotations, previous }: Omit<Props, 'top' | 'window'>) {
  const { state } = series;
  switch (state.kind) {
    case 'loading':
      return <p className="loading">Loading…</p>;
    case 'error':
      return (
        <LoadError message={state.message} what={metric.label} onRetry={onRetry} />
      );
    case 'loaded':
      return <LoadedSeries metric={metric} series={state.data} annotations={annotations} previous={previous} />;
  }
}

function LoadedSeries({
  metric,
  series,
  annotations,
  previous,
}: {
  metric: Metric;
  series: Series;
  annotations?: readonly AnnotationInput[] | undefined;
  previous?: Series | undefined;
}) {
  const { points, periods, trend } = series;
  const lastPoint = points.at(-1);
  const lastPeriod = periods.at(-1);
  if (lastPoint === undefined && lastPeriod === undefined) {
    return <p className="empty">No data yet</p>;
  }
  const latest =
    lastPoint !== undefined
      ? { value: lastPoint.value, when: bucketText(series.granularity, lastPoint.date) }
      : { value: lastPeriod?.value ?? NaN, when: lastPeriod === undefined ? '' : formatPeriod(lastPeriod.from, lastPeriod.to) };
  const tone = trendTone(trend.verdict, metric.polarity);
  return (
    <>
      <div className="metric-headline">
        <p className="metric-value">
          <span className="visually-hidden">Latest value: </span>
          {formatValue(latest.value, metric.unit)}{' '}
          <span className="metric-when">{latest.when}</span>
        </p>
        {points.length > 0 && (
          <p className="metric-trend">
            <span className="visually-hidden">Trend: </span>
            <span className={`trend trend-${trend.verdict} trend-${tone}`} data-testid={`trend-${metric.key}`}>
              {trendText(trend)}
            </span>
          </p>
        )}
      </div>
      {points.length > 0 && (
        <MetricChart
          label={metric.label}
          unit={metric.unit}
          points={points}
          verdict={trend.verdict}
          annotations={annotations}
          granularity={series.granularity}
          period={{ from: series.from, to: series.to }}
          // the comparison only when it was read at the same granularity (a period switch may be under way)
          previous={previous?.granularity === series.granularity ? previous : undefined}
        />
      )}
      {periods.length > 0 && (
        <ul className="periods" aria-label={`${metric.label} by period`}>
          {periods.map((period) => (
            <li key={`${period.from}/${period.to}`}>
              {formatPeriod(period.from, period.to)}: {formatValue(period.value, metric.unit)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The bucket a point stands for: "on 5 Oct 2026", "week of 5 Oct 2026", "month of 1 Oct 2026". */
function bucketText(granularity: Series['granularity'], date: string): string {
  return `${granularity === 'day' ? 'on' : `${granularity} of`} ${formatDay(date)}`;
}

type TopProps = { kind: DimensionKind; metric: Metric; top: CardState<DimensionBreakdown>; onRetry: () => void };

function TopDimensions({ kind, metric, top, onRetry }: TopProps) {
  const headingId = useId();
  const { state } = top;
  const title = TOP_TITLES[kind];
  return (
    <section className="top-dimensions" aria-labelledby={headingId}>
      <h6 id={headingId}>{title}</h6>
      {state.kind === 'loading' && <p className="loading">Loading…</p>}
      {state.kind === 'error' && (
        <LoadError message={state.message} what={`${title} of ${metric.label}`} onRetry={onRetry} />
      )}
      {state.kind === 'loaded' &&
        (state.data.values.length === 0 ? (
          <p className="empty">None yet</p>
        ) : (
          <ol className="top-list">
            {state.data.values.slice(0, TOP_SHOWN).map((value) => (
              <li key={value.dimension}>
                <span className="top-name">{value.dimension}</span>{' '}
                <span className="top-value">{formatValue(value.value, metric.unit)}</span>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
