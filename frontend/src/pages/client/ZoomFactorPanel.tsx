import { useId } from 'react';
import type { ComponentScore, Metric, MetricScore, ScoreInputs, ScoreWindow, ZoomFactorScore } from '../../api/types.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import type { LoadState } from '../../query/loadState.ts';
import {
  formatCount,
  formatDay,
  formatDiscount,
  formatPercent,
  formatPoints,
  formatScore,
  formatValue,
  NO_VALUE,
  trendTone,
} from '../format.ts';
import { scoreWindowText } from './clientView.ts';
import { ScoreCheck } from './ScoreCheck.tsx';

type Props = {
  /** The client's score (`GET /api/clients/{id}/score`, loaded by the page, which shares it). */
  state: LoadState<ZoomFactorScore>;
  /** Loads the score again ("Try again"). */
  reload: () => void;
  /** The metric catalogue, for the metrics' labels and units. */
  catalogue: readonly Metric[];
  /** The raw data of the score of a day, for "Check this score"; absent where the viewer cannot ask for it. */
  loadInputs?: (asOf: string) => Promise<ScoreInputs>;
  /** The panel's name: the product's for the agency, the plain "Score" on a white-labelled shared dashboard. */
  title?: string;
};

/** "Zoom Factor": the client's score, how it is made (components, authenticity) and what moved it. */
export function ZoomFactorPanel({ state, reload, catalogue, loadInputs, title = 'Zoom Factor' }: Props) {
  const headingId = useId();
  return (
    <section className="panel zoom-factor" aria-labelledby={headingId} aria-busy={state.kind === 'loading'}>
      <h3 id={headingId}>{title}</h3>
      {state.kind === 'loading' && <Loading label={`Loading the ${title}…`} />}
      {state.kind === 'error' && (
        <LoadError message={state.message} what={title} onRetry={reload} />
      )}
      {state.kind === 'loaded' && <ScoreDetails score={state.data} catalogue={catalogue} />}
      {state.kind === 'loaded' && loadInputs !== undefined && (
        // keyed by the score: a new score on screen drops the verdict about the previous one
        <ScoreCheck key={`${state.data.asOf} ${state.data.score}`} served={state.data} loadInputs={loadInputs} />
      )}
    </section>
  );
}

function ScoreDetails({ score, catalogue }: { score: ZoomFactorScore; catalogue: readonly Metric[] }) {
  const ids = useId();
  const metrics = new Map(catalogue.map((m) => [m.key, m]));
  return (
    <>
      <div className="zf-headline">
        <p className="zf-score" data-testid="zoom-factor-score">
          {score.score === null ? 'not scored yet' : formatScore(score.score)}
        </p>
        <div className="zf-facts">
          {score.score === null || score.quality === null ? (
            <p data-testid="zoom-factor-reason">{score.reason ?? 'Nothing to score yet.'}</p>
          ) : (
            <p data-testid="zoom-factor-formula">
              quality {formatScore(score.quality)} × authenticity {formatPercent(score.authenticity.factor)}
            </p>
          )}
          <p data-testid="zoom-factor-coverage">Coverage {formatPercent(score.coverage)}</p>
          <p>
            <small className="muted">
              Methodology {score.methodologyVersion} · as of <time dateTime={score.asOf}>{formatDay(score.asOf)}</time>
            </small>
          </p>
        </div>
      </div>

      <section aria-labelledby={`${ids}-components`}>
        <h4 id={`${ids}-components`}>Components</h4>
        <ul className="zf-components">
          {score.components.map((component) => (
            <ComponentItem key={component.key} component={component} metrics={metrics} window={score.window} />
          ))}
        </ul>
      </section>

      {score.authenticity.signals.length > 0 && (
        <section aria-labelledby={`${ids}-authenticity`}>
          <h4 id={`${ids}-authenticity`}>Authenticity</h4>
          <ul className="zf-signals">
            {score.authenticity.signals.map((signal) => (
              <li key={signal.key} data-testid={`signal-${signal.key}`}>
                <span>{signal.message}</span> <span className="zf-discount">{formatDiscount(signal.discount)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {score.drivers.length > 0 && (
        <section aria-labelledby={`${ids}-drivers`}>
          <h4 id={`${ids}-drivers`}>What moved</h4>
          <ul className="zf-drivers">
            {score.drivers.map((driver, i) => (
              // Drivers have no key of their own; their order is the server's.
              <li key={i}>
                <span>{driver.message}</span>{' '}
                <span className={driver.delta < 0 ? 'zf-delta trend-bad' : 'zf-delta trend-good'}>{formatPoints(driver.delta)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ComponentItem({ component, metrics, window }: { component: ComponentScore; metrics: ReadonlyMap<string, Metric>; window: ScoreWindow }) {
  const measured = component.measured && component.score !== null;
  return (
    <li className="zf-component" data-testid={`component-${component.key}`}>
      <div className="zf-component-row">
        <span className="zf-component-label">{component.label}</span>
        {measured ? (
          <>
            <meter min={0} max={100} value={component.score ?? 0} aria-label={`${component.label} score`} />
            <span className="zf-component-score">{formatScore(component.score ?? 0)}</span>
            <span className="zf-component-points">{formatPoints(component.contribution)}</span>
          </>
        ) : (
          <span className="muted">not measured</span>
        )}
      </div>
      {component.metrics.length > 0 && (
        <details className="zf-metrics">
          <summary>Metrics of {component.label}</summary>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Value over the {scoreWindowText(window)}</th>
                  <th scope="col">Baseline (the {String(window.days)} days before)</th>
                  <th scope="col">Normalized</th>
                  <th scope="col">Contribution</th>
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {component.metrics.map((line) => (
                  <MetricRow key={line.metric} line={line} metric={metrics.get(line.metric)} />
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}

function MetricRow({ line, metric }: { line: MetricScore; metric: Metric | undefined }) {
  const format = (value: number) => (metric === undefined ? formatCount(value) : formatValue(value, metric.unit));
  return (
    <tr>
      <th scope="row">{metric?.label ?? line.metric}</th>
      <td>{format(line.value)}</td>
      <td>{line.baseline === null ? NO_VALUE : format(line.baseline)}</td>
      <td>{formatScore(line.normalized)}</td>
      <td>{formatPoints(line.contribution)}</td>
      <td>
        {line.trend === null ? (
          NO_VALUE
        ) : (
          <span className={`trend trend-${line.trend} trend-${metric === undefined ? 'neutral' : trendTone(line.trend, metric.polarity)}`}>
            {line.trend}
          </span>
        )}
      </td>
    </tr>
  );
}
