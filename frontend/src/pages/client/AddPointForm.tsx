import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { ApiRequestError, errorMessage } from '../../api/client.ts';
import { channelLabel } from '../../api/constants.ts';
import { api } from '../../api/endpoints.ts';
import type { DimensionKind, Metric, NewPoint, PointError } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { SelectField, TextField, type SelectOption } from '../../components/FormFields.tsx';

const DIMENSION_HINTS: Record<DimensionKind, string> = {
  page: 'The page, e.g. /pricing. Leave empty for the total.',
  account: 'The account, e.g. @ada. Leave empty for the total.',
  list: 'The list, e.g. Marketing people. Leave empty for the total.',
  query: 'The search query, e.g. zoom factor. Leave empty for the total.',
};

/** The messages of a 422's `errors` (one per bad field), or the error's own message. */
export function errorMessages(error: unknown): string[] {
  if (error instanceof ApiRequestError && error.status === 422 && Array.isArray(error.details.errors)) {
    const messages = (error.details.errors as Partial<PointError>[])
      .map((e) => (e.field ? `${e.field}: ${e.message ?? ''}` : (e.message ?? '')))
      .filter((message) => message !== '');
    if (messages.length > 0) {
      return messages;
    }
  }
  return [errorMessage(error)];
}

/** Options naming each metric, with its channel when two metrics share a label ("Posts"). */
function metricOptions(metrics: readonly Metric[]): SelectOption<string>[] {
  return metrics.map((metric) => {
    const shared = metrics.some((other) => other !== metric && other.label === metric.label);
    return { value: metric.key, label: shared ? `${metric.label} (${channelLabel(metric.channel)})` : metric.label };
  });
}

type Props = {
  clientId: string;
  /** The metrics one may add a point to (not empty). */
  metrics: readonly Metric[];
  /** The default date (yyyy-mm-dd). */
  today: string;
  /** A point of this metric was saved. */
  onSaved: (metricKey: string) => void;
};

/** "Add a data point": one value of one metric on one day, with a dimension for breakdown metrics. */
export function AddPointForm({ clientId, metrics, today, onSaved }: Props) {
  const ids = useId();
  const request = useApi();
  const options = useMemo(() => metricOptions(metrics), [metrics]);
  const [metricKey, setMetricKey] = useState(metrics[0]?.key ?? '');
  const [date, setDate] = useState(today);
  const [value, setValue] = useState('');
  const [dimension, setDimension] = useState('');
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];

  const handleSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (metric === undefined) {
      return;
    }
    const number = Number(value.trim().replace(',', '.'));
    const problems = [
      ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? [] : ['Pick a date.']),
      ...(value.trim() === '' || !Number.isFinite(number) ? ['Enter a number as the value.'] : []),
    ];
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    const point: NewPoint = {
      metric: metric.key,
      date,
      value: number,
      ...(metric.dimension !== null && dimension.trim() !== '' ? { dimension: dimension.trim() } : {}),
    };
    setPending(true);
    setErrors([]);
    try {
      await api.addPoints(request, clientId, { points: [point] });
      setSaved(true);
      setValue('');
      onSaved(metric.key);
    } catch (error) {
      setErrors(errorMessages(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form add-point-form" onSubmit={(event) => void handleSubmit(event)} aria-busy={pending}>
      <div className="field-row">
        <SelectField
          id={`${ids}-metric`}
          label="Metric"
          value={metric?.key ?? ''}
          options={options}
          onChange={(key) => {
            setMetricKey(key);
            setDimension('');
            setSaved(false);
          }}
        />
        <TextField id={`${ids}-date`} label="Date" type="date" required value={date} onChange={setDate} />
        <TextField
          id={`${ids}-value`}
          label="Value"
          type="number"
          step="any"
          inputMode="decimal"
          required
          hint={metric?.unit === 'ratio' ? 'A share between 0 and 1, e.g. 0.42 for 42%.' : metric?.unit === 'seconds' ? 'In seconds.' : undefined}
          value={value}
          onChange={setValue}
        />
        {metric !== undefined && metric.dimension !== null && (
          <TextField
            id={`${ids}-dimension`}
            label="Dimension"
            hint={DIMENSION_HINTS[metric.dimension]}
            value={dimension}
            onChange={setDimension}
          />
        )}
      </div>
      {errors.length > 0 && (
        <div className="error" role="alert">
          {errors.length === 1 ? (
            <p>{errors[0]}</p>
          ) : (
            <ul>
              {errors.map((message, index) => (
                // Messages may repeat (the same problem on two fields), so the index is part of the key.
                <li key={`${String(index)}-${message}`}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="notice" role="status" aria-live="polite">
        {saved ? 'Saved' : null}
      </p>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          Add point
        </button>
      </div>
    </form>
  );
}
