import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError, errorMessage, isAbort } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ImportError, ImportResult } from '../api/types.ts';
import { canWriteMetrics, useApi, useAuthorized, useSession } from '../auth/SessionContext.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { formatCount, formatPeriod, importErrorText, NO_VALUE } from './format.ts';

/** The server's limit for one file. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `/clients/:clientId/import`: check a CSV file (dry run), then import it with upload progress. */
export function ImportPage() {
  usePageTitle('Import CSV');
  const { clientId = '' } = useParams();
  const session = useSession();
  const headingId = useId();
  const clientPath = `/clients/${encodeURIComponent(clientId)}`;
  return (
    <section className="page import-page" aria-labelledby={headingId}>
      <p className="back-link">
        <Link to={clientPath}>Back to the client</Link>
      </p>
      <h2 id={headingId}>Import CSV</h2>
      {canWriteMetrics(session) ? (
        <>
          <ImportHelp />
          <Importer clientId={clientId} clientPath={clientPath} />
        </>
      ) : (
        <p className="muted">Viewers cannot import data; ask an analyst, an admin or the owner.</p>
      )}
    </section>
  );
}

function ImportHelp() {
  return (
    <div className="import-help">
      <p>
        The first line names the columns. Dates are <code>yyyy-mm-dd</code>; a file holds at most 10 MB. Two layouts are
        accepted:
      </p>
      <ul>
        <li>
          <strong>Long form</strong>, one value per line: <code>date,metric,value[,dimension]</code>. The dimension is the
          page, account, list or query of a breakdown metric.
        </li>
        <li>
          <strong>Wide form</strong>, one column per metric: <code>date,&lt;metric key&gt;,…</code>; empty cells are
          skipped.
        </li>
      </ul>
      <div className="examples">
        <figure>
          <figcaption>Long form</figcaption>
          <pre>
            <code>{'date,metric,value,dimension\n2026-10-01,web.pageviews,1200,\n2026-10-01,web.pageviews,340,/pricing\n2026-10-01,web.bounce_rate,0.42,'}</code>
          </pre>
        </figure>
        <figure>
          <figcaption>Wide form</figcaption>
          <pre>
            <code>{'date,web.pageviews,web.unique_visitors\n2026-10-01,1200,800\n2026-10-02,1350,910'}</code>
          </pre>
        </figure>
      </div>
      <p>“Check file” reads the whole file and shows what the import would change, without saving anything.</p>
    </div>
  );
}

type Problem = { message: string; lines: ImportError[] };

/** What went wrong with a check or an import: the message, and a 422's list of bad lines. */
function problemOf(error: unknown): Problem {
  if (error instanceof ApiRequestError) {
    const lines = error.status === 422 && Array.isArray(error.details.errors) ? (error.details.errors as ImportError[]) : [];
    if (error.status === 413) {
      return { message: 'The file is too big for one import (10 MB at most): split it into several files.', lines };
    }
    return { message: error.message, lines };
  }
  return { message: errorMessage(error), lines: [] };
}

type Checked = { file: File; text: string; result: ImportResult };

function Importer({ clientId, clientPath }: { clientId: string; clientPath: string }) {
  const ids = useId();
  const request = useApi();
  const authorized = useAuthorized();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<'check' | 'upload' | null>(null);
  const [percent, setPercent] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  /** The upload under way, aborted if the page goes. */
  const upload = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      upload.current?.abort();
    },
    [],
  );

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setChecked(null);
    setProblem(null);
    setImported(null);
    setPercent(0);
  };

  const check = async () => {
    if (file === null) {
      return;
    }
    setProblem(null);
    setChecked(null);
    setImported(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem({ message: 'The file is too big for one import (10 MB at most): split it into several files.', lines: [] });
      return;
    }
    setBusy('check');
    try {
      const text = await file.text();
      const result = await api.checkImport(request, clientId, text);
      setChecked({ file, text, result });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (checked === null || checked.file !== file) {
      return;
    }
    setProblem(null);
    setPercent(0);
    setBusy('upload');
    const controller = new AbortController();
    upload.current = controller;
    try {
      const result = await api.importCsv(
        authorized,
        clientId,
        checked.text,
        (loaded, total) => {
          setPercent(total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0);
        },
        controller.signal,
      );
      setPercent(100);
      setImported(result);
    } catch (error) {
      if (!isAbort(error)) {
        setProblem(problemOf(error));
      }
    } finally {
      if (upload.current === controller) {
        upload.current = null;
      }
      setBusy(null);
    }
  };

  const canImport = checked !== null && checked.file === file && busy === null && imported === null;

  return (
    <div className="importer">
      <form
        className="form import-form"
        aria-busy={busy !== null}
        onSubmit={(event) => {
          event.preventDefault();
          void check();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-file`}>CSV file</label>
          <input id={`${ids}-file`} type="file" accept=".csv,text/csv" onChange={onFile} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={file === null || busy !== null}>
            Check file
          </button>
          <button type="button" disabled={!canImport} onClick={() => void runImport()}>
            Import
          </button>
        </div>
      </form>

      {busy === 'check' && (
        <p className="loading" role="status">
          Checking the file…
        </p>
      )}

      {problem !== null && (
        <div className="error import-errors" role="alert" data-testid="import-errors">
          <p>{problem.message}</p>
          {problem.lines.length > 0 && (
            <ul>
              {problem.lines.map((line, index) => (
                <li key={`${String(index)}-${String(line.line)}`}>{importErrorText(line)}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {busy === 'upload' && (
        <div className="field upload-progress">
          <label htmlFor={`${ids}-progress`}>Upload progress</label>
          <progress id={`${ids}-progress`} max={100} value={percent}>
            {percent}%
          </progress>
          <span className="hint">{percent < 100 ? `${percent}% sent` : 'Sent; the server is saving the points…'}</span>
        </div>
      )}

      {imported !== null && (
        <div className="import-done">
          <p className="notice" role="status" data-testid="import-result">
            Imported: {formatCount(imported.inserted)} new, {formatCount(imported.updated)} updated
          </p>
          <p>
            <Link to={clientPath}>See the client’s metrics</Link>
          </p>
        </div>
      )}

      {checked !== null && checked.file === file && imported === null && <CheckSummary result={checked.result} />}
    </div>
  );
}

function CheckSummary({ result }: { result: ImportResult }) {
  const headingId = useId();
  const dates = result.from === null || result.to === null ? NO_VALUE : formatPeriod(result.from, result.to);
  return (
    <section className="panel import-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>What the import would do</h3>
      <dl className="facts" data-testid="import-summary">
        <div>
          <dt>Layout</dt>
          <dd>{result.form === 'wide' ? 'wide form' : 'long form'}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{formatCount(result.rows)}</dd>
        </div>
        <div>
          <dt>Points</dt>
          <dd>{formatCount(result.points)}</dd>
        </div>
        <div>
          <dt>Metrics</dt>
          <dd>{result.metrics.length === 0 ? NO_VALUE : result.metrics.join(', ')}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>{dates}</dd>
        </div>
        <div>
          <dt>Would insert</dt>
          <dd>{formatCount(result.inserted)}</dd>
        </div>
        <div>
          <dt>Would update</dt>
          <dd>{formatCount(result.updated)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{formatCount(result.unchanged)}</dd>
        </div>
      </dl>
      {result.preview.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption>
              {result.preview.length < result.points
                ? `The first ${result.preview.length} of ${formatCount(result.points)} points`
                : 'The points'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Dates</th>
                <th scope="col">Dimension</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {result.preview.map((point, index) => (
                <tr key={`${String(index)}-${point.metric}-${point.start}`}>
                  <td data-label="Metric">{point.metric}</td>
                  <td data-label="Dates">{formatPeriod(point.start, point.end)}</td>
                  <td data-label="Dimension">{point.dimension ?? NO_VALUE}</td>
                  <td data-label="Value">{String(point.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
