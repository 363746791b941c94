import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError, errorMessage, isAbort } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ImportError, ImportJob } from '../api/types.ts';
import { canWriteMetrics, useApi, useAuthorized, useSession } from '../auth/SessionContext.ts';
import { LoadedList } from '../components/LoadedList.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { toLoadState, type LoadState } from '../query/loadState.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { useCacheUpdate } from '../query/useCacheUpdate.ts';
import { finished, useImportProgress } from './import/useImportProgress.ts';
import { formatBytes, formatCount, formatDateTime, formatPeriod, importErrorText, NO_VALUE } from './format.ts';

/** The server's limit for one file (larger uploads are refused with a 413 before they are read). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** How often the list of recent imports is refreshed while one of them (not followed above) is under way. */
export const LIST_POLL_MS = 2000;

const TOO_BIG = `The file is too big for one import (${formatBytes(MAX_FILE_BYTES)} at most): export a shorter date range, or split it into several files.`;

/** How many recent imports the server lists. */
const LISTED = 50;

/** `/clients/:clientId/import`: check any export file (dry run), then import it, following its progress. */
export function ImportPage() {
  usePageTitle('Import data');
  const { clientId = '' } = useParams();
  const session = useSession();
  const headingId = useId();
  const clientPath = `/clients/${encodeURIComponent(clientId)}`;
  /** The import the importer polls itself (the list does not poll for it). */
  const [following, setFollowing] = useState<string | null>(null);
  // read again every two seconds while an import not followed by the importer is under way, so that a person
  // who left and came back sees it progress and end
  const recent = useApiQuery(queryKeys.imports(clientId), (request, signal) => api.listImports(request, clientId, signal), {
    refetchInterval: (jobs) => (jobs?.some((job) => !finished(job) && job.id !== following) ? LIST_POLL_MS : false),
  });
  const update = useCacheUpdate<ImportJob[]>(queryKeys.imports(clientId));
  const onJob = useCallback(
    (job: ImportJob) => {
      update((jobs) => withJob(jobs, job));
    },
    [update],
  );
  return (
    <section className="page import-page" aria-labelledby={headingId}>
      <p className="back-link">
        <Link to={clientPath}>Back to the client</Link>
      </p>
      <h2 id={headingId}>Import data</h2>
      {canWriteMetrics(session) ? (
        <>
          <ImportHelp />
          <Importer clientId={clientId} clientPath={clientPath} onJob={onJob} onFollowing={setFollowing} />
        </>
      ) : (
        <p className="muted">Viewers cannot import data; ask an analyst, an admin or the owner.</p>
      )}
      <RecentImports
        state={toLoadState(recent)}
        reload={() => {
          void recent.refetch();
        }}
      />
    </section>
  );
}

/** The list with `job` in it: in its place when listed, first otherwise (the newest). */
function withJob(jobs: ImportJob[], job: ImportJob): ImportJob[] {
  return jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs].slice(0, LISTED);
}

function ImportHelp() {
  return (
    <div className="import-help">
      <p>
        Drop a file as you downloaded it: its format is recognised by its content, whatever its name. A file holds at most{' '}
        {formatBytes(MAX_FILE_BYTES)}. The product reads:
      </p>
      <ul>
        <li>Google Analytics 4 and Universal Analytics report downloads (CSV);</li>
        <li>Google Search Console performance exports: the zip, or one of its CSV files;</li>
        <li>X / Twitter tweet activity, account overview and content exports;</li>
        <li>Meta Business Suite metric series and post exports;</li>
        <li>LinkedIn page analytics (.xls, .xlsx): content, followers, visitors;</li>
        <li>Mailchimp audience exports (zip) and campaign reports;</li>
        <li>and the product’s own CSV, in long or wide form.</li>
      </ul>
      <details className="import-own-csv">
        <summary>The product’s own CSV</summary>
        <p>
          The first line names the columns; dates are <code>yyyy-mm-dd</code>. <strong>Long form</strong>, one value per
          line: <code>date,metric,value[,dimension]</code> (the dimension is the page, account, list or query of a breakdown
          metric). <strong>Wide form</strong>, one column per metric: <code>date,&lt;metric key&gt;,…</code>; empty cells are
          skipped.
        </p>
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
      </details>
      <p>
        “Check file” reads the whole file and shows what the import would change, without saving anything; “Import” then
        writes it, all or nothing. A large file takes a while: you can leave this page, the import goes on and its progress
        shows under “Recent imports”.
      </p>
    </div>
  );
}

type Problem = { message: string; errors: ImportError[]; errorCount: number };

/** What went wrong with a check or an import: the message, and a 422's problems by sheet and line. */
function problemOf(error: unknown): Problem {
  if (error instanceof ApiRequestError) {
    const errors = error.status === 422 && Array.isArray(error.details.errors) ? (error.details.errors as ImportError[]) : [];
    const count = typeof error.details.errorCount === 'number' ? error.details.errorCount : errors.length;
    switch (error.status) {
      case 413:
        return { message: TOO_BIG, errors, errorCount: count };
      case 415:
        return { message: `The server does not take this upload: ${error.message}`, errors, errorCount: count };
      default:
        return { message: error.message, errors, errorCount: count };
    }
  }
  return { message: errorMessage(error), errors: [], errorCount: 0 };
}

function problemOfJob(job: ImportJob): Problem {
  return { message: job.message ?? 'The import failed', errors: job.errors, errorCount: job.errorCount };
}

/** Where the page is once the server said this of the import: still under way, checked or imported, or failed. */
function stepAfter(job: ImportJob, dryRun: boolean): Step {
  if (!finished(job)) {
    return { kind: 'running', dryRun, job };
  }
  if (job.state === 'failed') {
    return { kind: 'failed', dryRun, problem: problemOfJob(job), job };
  }
  return dryRun ? { kind: 'checked', job } : { kind: 'imported', job };
}

/** Where a check or an import is; each step belongs to the file chosen (another file starts over). */
type Step =
  | { kind: 'idle' }
  | { kind: 'sending'; dryRun: boolean; loaded: number; total: number }
  | { kind: 'running'; dryRun: boolean; job: ImportJob }
  | { kind: 'checked'; job: ImportJob }
  | { kind: 'imported'; job: ImportJob }
  | { kind: 'failed'; dryRun: boolean; problem: Problem; job: ImportJob | null };

type ImporterProps = {
  clientId: string;
  clientPath: string;
  /** Every state of an import this page started, as it becomes known. */
  onJob: (job: ImportJob) => void;
  /** The import this page is polling, or null. */
  onFollowing: (importId: string | null) => void;
};

function Importer({ clientId, clientPath, onJob, onFollowing }: ImporterProps) {
  const ids = useId();
  const request = useApi();
  const authorized = useAuthorized();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  /** The upload under way, aborted when another file is chosen or the page goes. */
  const upload = useRef<AbortController | null>(null);
  /** Counts the files chosen: an answer about an older one is dropped. */
  const generation = useRef(0);

  const changeStep = useCallback(
    (next: Step) => {
      setStep(next);
      onFollowing(next.kind === 'running' ? next.job.id : null);
    },
    [onFollowing],
  );

  /** Moves on from what the upload answered of the import: still under way, done, or failed. */
  const settle = useCallback(
    (job: ImportJob, dryRun: boolean) => {
      onJob(job);
      changeStep(stepAfter(job, dryRun));
    },
    [changeStep, onJob],
  );

  useEffect(
    () => () => {
      upload.current?.abort();
    },
    [],
  );

  // An import under way is polled through the cache; where the page is then follows what the polls say (the import
  // may have moved on, ended, or be gone), and the list of recent imports takes each new state
  const running = step.kind === 'running' ? step : null;
  const progress = useImportProgress(clientId, running?.job ?? null);
  const current: Step =
    running === null || progress === null
      ? step
      : progress.gone
        ? { kind: 'failed', dryRun: running.dryRun, problem: { message: 'The import is gone (its client was deleted?)', errors: [], errorCount: 0 }, job: null }
        : stepAfter(progress.job, running.dryRun);
  const polled = progress?.job;
  useEffect(() => {
    if (polled !== undefined) {
      onJob(polled);
    }
  }, [polled, onJob]);

  const choose = (chosen: File | null) => {
    generation.current += 1;
    upload.current?.abort();
    upload.current = null;
    setFile(chosen);
    changeStep({ kind: 'idle' });
  };

  const send = async (dryRun: boolean) => {
    if (file === null) {
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      changeStep({ kind: 'failed', dryRun, problem: { message: TOO_BIG, errors: [], errorCount: 0 }, job: null });
      return;
    }
    const mine = generation.current;
    const controller = new AbortController();
    upload.current = controller;
    changeStep({ kind: 'sending', dryRun, loaded: 0, total: file.size });
    try {
      const job = await api.uploadImport(
        authorized,
        clientId,
        file,
        { dryRun, fileName: file.name },
        (loaded, total) => {
          if (generation.current === mine) {
            setStep((current) => (current.kind === 'sending' ? { ...current, loaded, total } : current));
          }
        },
        controller.signal,
      );
      if (generation.current === mine) {
        settle(job, dryRun);
      }
    } catch (error) {
      if (isAbort(error) || generation.current !== mine) {
        return;
      }
      changeStep({ kind: 'failed', dryRun, problem: problemOf(error), job: null });
      const importId = error instanceof ApiRequestError ? error.details.importId : undefined;
      if (typeof importId === 'string') {
        // what was recognised before it failed (format, header, preview), and the list's entry
        api.getImport(request, clientId, importId).then(
          (job) => {
            onJob(job);
            if (generation.current === mine) {
              setStep((current) => (current.kind === 'failed' && current.job === null ? { ...current, job } : current));
            }
          },
          () => {
            // the 422 said what matters
          },
        );
      }
    } finally {
      if (upload.current === controller) {
        upload.current = null;
      }
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped !== undefined && current.kind !== 'sending') {
      choose(dropped);
    }
  };

  const busy = current.kind === 'sending' || current.kind === 'running';
  const shown = current.kind === 'checked' || current.kind === 'imported' ? current.job : current.kind === 'failed' ? current.job : null;

  return (
    <div className="importer">
      <form
        className="form import-form"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <div
          className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
          data-testid="drop-zone"
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
              setDragging(false);
            }
          }}
          onDrop={onDrop}
        >
          <label htmlFor={`${ids}-file`}>File to import</label>
          <input
            id={`${ids}-file`}
            type="file"
            aria-describedby={`${ids}-file-hint`}
            disabled={current.kind === 'sending'}
            onChange={(event) => {
              choose(event.target.files?.[0] ?? null);
            }}
          />
          <p id={`${ids}-file-hint`} className="hint">
            Drop the file here, or choose it: CSV, zip, .xls or .xlsx, up to {formatBytes(MAX_FILE_BYTES)}.
          </p>
          {file !== null && (
            <p className="chosen-file" data-testid="chosen-file">
              Chosen: <strong>{file.name}</strong> ({formatBytes(file.size)})
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={file === null || busy}>
            Check file
          </button>
          <button type="button" disabled={current.kind !== 'checked'} onClick={() => void send(false)}>
            Import
          </button>
        </div>
      </form>

      <p className="import-status" role="status" data-testid="import-status">
        {statusText(current)}
      </p>

      {current.kind === 'sending' && <UploadProgress id={`${ids}-upload`} loaded={current.loaded} total={current.total} />}
      {current.kind === 'running' && <JobProgress job={current.job} dryRun={current.dryRun} pollError={progress?.pollError ?? null} />}

      {current.kind === 'failed' && <ProblemList problem={current.problem} />}

      {current.kind === 'imported' && (
        <div className="import-done">
          <p className="notice" data-testid="import-result">
            Imported: {formatCount(current.job.inserted)} new, {formatCount(current.job.updated)} updated
            {current.job.posts > 0 && `, ${formatCount(current.job.posts)} posts`}
          </p>
          <p>
            <Link to={clientPath}>See the client’s metrics</Link>
          </p>
        </div>
      )}

      {shown !== null && <ImportSummary job={shown} />}
    </div>
  );
}

/** What the live status line says: it changes with the step only, never with each progress tick. */
function statusText(step: Step): string {
  switch (step.kind) {
    case 'idle':
      return '';
    case 'sending': {
      const what = step.dryRun ? 'to check it' : 'to import it';
      return step.total > 0 && step.loaded >= step.total
        ? 'File sent; the server is reading it…'
        : `Sending the file ${what}…`;
    }
    case 'running':
      if (step.job.state === 'queued') {
        return 'Waiting for the server to start (another import is under way)…';
      }
      return step.dryRun ? 'Checking the file…' : 'Importing…';
    case 'checked':
      return 'Checked: nothing was written. Import the file when the preview looks right.';
    case 'imported':
      return 'Import done.';
    case 'failed':
      return step.dryRun ? 'The check failed.' : 'The import failed: nothing was written.';
  }
}

function UploadProgress({ id, loaded, total }: { id: string; loaded: number; total: number }) {
  return (
    <div className="field upload-progress">
      <label htmlFor={id}>Upload progress</label>
      <progress id={id} max={Math.max(total, 1)} value={Math.min(loaded, total)}>
        {total > 0 ? Math.round((loaded / total) * 100) : 0}%
      </progress>
      <span className="hint" data-testid="upload-progress">
        {formatBytes(loaded)} of {formatBytes(total)} sent
      </span>
    </div>
  );
}

/** Bytes read of bytes (a zip's unpacked text may outgrow its size: then the bar shows no fraction). */
function JobProgress({ job, dryRun, pollError }: { job: ImportJob; dryRun: boolean; pollError: string | null }) {
  const id = useId();
  const known = job.bytes > 0 && job.bytesRead <= job.bytes;
  return (
    <div className="field import-progress" data-testid="import-progress">
      <label htmlFor={id}>{dryRun ? 'Check progress' : 'Import progress'}</label>
      {known ? <progress id={id} max={job.bytes} value={job.bytesRead} /> : <progress id={id} />}
      <dl className="facts progress-facts">
        <div>
          <dt>State</dt>
          <dd>{stateLabel(job)}</dd>
        </div>
        <div>
          <dt>Read</dt>
          <dd>
            {formatBytes(job.bytesRead)} of {formatBytes(job.bytes)}
          </dd>
        </div>
        <div>
          <dt>Rows read</dt>
          <dd>{formatCount(job.rows)}</dd>
        </div>
        <div>
          <dt>{dryRun ? 'Points read' : 'Points written'}</dt>
          <dd>{formatCount(job.points)}</dd>
        </div>
      </dl>
      {pollError !== null && <p className="hint">Could not get the progress ({pollError}); trying again.</p>}
    </div>
  );
}

function ProblemList({ problem }: { problem: Problem }) {
  const more = problem.errorCount - problem.errors.length;
  return (
    <div className="error import-errors" role="alert" data-testid="import-errors">
      <p>{problem.message}</p>
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((error, index) => (
            <li key={`${String(index)}-${error.sheet ?? ''}-${String(error.line)}`}>{importErrorText(error)}</li>
          ))}
        </ul>
      )}
      {more > 0 && <p>…and {formatCount(more)} more.</p>}
    </div>
  );
}

function ImportSummary({ job }: { job: ImportJob }) {
  const headingId = useId();
  const dates = job.from === null || job.to === null ? NO_VALUE : formatPeriod(job.from, job.to);
  const title =
    job.state === 'failed' ? 'What was read' : job.dryRun ? 'What the import would do' : 'What the import did';
  return (
    <section className="panel import-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <dl className="facts" data-testid="import-summary">
        <div>
          <dt>Format</dt>
          <dd data-testid="import-format">{job.format?.label ?? 'Not recognised'}</dd>
        </div>
        <div>
          <dt>Read as</dt>
          <dd>{job.readAs ?? NO_VALUE}</dd>
        </div>
        <div>
          <dt>File</dt>
          <dd>
            {job.fileName ?? NO_VALUE} ({formatBytes(job.bytes)})
          </dd>
        </div>
        {job.form !== null && (
          <div>
            <dt>Layout</dt>
            <dd>{job.form === 'wide' ? 'wide form' : 'long form'}</dd>
          </div>
        )}
        <div>
          <dt>Rows</dt>
          <dd>{formatCount(job.rows)}</dd>
        </div>
        <div>
          <dt>Points</dt>
          <dd>{formatCount(job.points)}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>{formatCount(job.posts)}</dd>
        </div>
        <div>
          <dt>Metrics</dt>
          <dd>{job.metrics.length === 0 ? NO_VALUE : job.metrics.join(', ')}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>{dates}</dd>
        </div>
        <div>
          <dt>New points</dt>
          <dd>{formatCount(job.inserted)}</dd>
        </div>
        <div>
          <dt>Changed points</dt>
          <dd>{formatCount(job.updated)}</dd>
        </div>
        <div>
          <dt>Unchanged points</dt>
          <dd>{formatCount(job.unchanged)}</dd>
        </div>
        {job.posts > 0 && (
          <div>
            <dt>New posts</dt>
            <dd>{formatCount(job.postsInserted)}</dd>
          </div>
        )}
        {job.posts > 0 && (
          <div>
            <dt>Changed posts</dt>
            <dd>{formatCount(job.postsUpdated)}</dd>
          </div>
        )}
      </dl>
      {job.header !== null && (
        <div className="import-header">
          <p className="hint">The file’s header, as written:</p>
          <pre>
            <code data-testid="import-header">{job.header}</code>
          </pre>
        </div>
      )}
      {job.preview.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="import-preview">
            <caption>
              {job.preview.length < job.points
                ? `The first ${job.preview.length} of ${formatCount(job.points)} points`
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
              {job.preview.map((point, index) => (
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

/** "Running · 45%", "Checked", "Done", "Failed": the state of an entry of the list. */
function stateLabel(job: ImportJob): string {
  switch (job.state) {
    case 'queued':
      return 'Queued';
    case 'running':
      return job.bytes > 0 && job.bytesRead <= job.bytes ? `Running · ${Math.floor((job.bytesRead / job.bytes) * 100)}%` : 'Running';
    case 'done':
      return job.dryRun ? 'Checked' : 'Done';
    case 'failed':
      return 'Failed';
  }
}

type RecentProps = {
  state: LoadState<ImportJob[]>;
  reload: () => void;
};

/** The client's recent imports, newest first. */
function RecentImports({ state, reload }: RecentProps) {
  const headingId = useId();

  return (
    <section className="panel recent-imports" aria-labelledby={headingId}>
      <h3 id={headingId}>Recent imports</h3>
      <LoadedList state={state} reload={reload} loadingLabel="Loading the recent imports…" empty="No imports yet.">
        {(jobs) => (
          <div className="table-wrap">
            <table className="data-table" data-testid="recent-imports">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">File</th>
                  <th scope="col">Format</th>
                  <th scope="col">Kind</th>
                  <th scope="col">State</th>
                  <th scope="col">Read</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id} data-testid={`import-${job.id}`}>
                    <td data-label="When">
                      <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>
                    </td>
                    <td data-label="File">
                      {job.fileName ?? NO_VALUE} <span className="hint-inline">({formatBytes(job.bytes)})</span>
                    </td>
                    <td data-label="Format">{job.format?.label ?? NO_VALUE}</td>
                    <td data-label="Kind">{job.dryRun ? 'Check' : 'Import'}</td>
                    <td data-label="State">
                      <span className={`badge import-state import-state-${job.state}`}>{stateLabel(job)}</span>
                      {job.state === 'failed' && job.message !== null && <span className="hint-inline"> {job.message}</span>}
                    </td>
                    <td data-label="Read">{countsText(job)}</td>
                    <td data-label="Changes">{changesText(job)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadedList>
    </section>
  );
}

/** "1,200 rows, 3,400 points, 12 posts" (posts only when there are some). */
function countsText(job: ImportJob): string {
  const posts = job.posts > 0 ? `, ${formatCount(job.posts)} posts` : '';
  return `${formatCount(job.rows)} rows, ${formatCount(job.points)} points${posts}`;
}

/** "12 new, 3 changed, 5 unchanged" once an import is done (a check: what it would do); "—" before or when failed. */
function changesText(job: ImportJob): string {
  if (job.state !== 'done') {
    return NO_VALUE;
  }
  return `${formatCount(job.inserted)} new, ${formatCount(job.updated)} changed, ${formatCount(job.unchanged)} unchanged`;
}
