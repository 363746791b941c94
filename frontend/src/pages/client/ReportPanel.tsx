import { useId, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useAuthorized } from '../../auth/SessionContext.ts';
import { ErrorAlert } from '../../components/Feedback.tsx';
import { TextField } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import type { DayRange } from './period.ts';

type Props = {
  clientId: string;
  /** The page's period: the report's until the person picks other days. */
  range: DayRange;
};

type Format = 'pdf' | 'csv';

/**
 * "Report": the client's PDF report or its CSV for chosen days. The API wants the bearer token, so the file is
 * fetched like any call and handed to the browser as an object URL under the server's filename.
 */
export function ReportPanel({ clientId, range }: Props) {
  const headingId = useId();
  const ids = useId();
  const authorized = useAuthorized();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [notice, setNotice] = useState('');
  const [format, setFormat] = useState<Format | null>(null);
  /** The PDF is for the client: the team's internal annotations go in only when asked for. */
  const [internal, setInternal] = useState(false);
  const { run, pending, error } = useAction();

  const download = (chosen: Format) => {
    setNotice('');
    setFormat(chosen);
    void run(async () => {
      const file = await api.downloadReport(authorized, clientId, chosen, { from, to }, internal ? 'all' : undefined);
      const name = file.filename ?? `report.${chosen}`;
      saveFile(file.blob, name);
      setNotice(`Downloaded ${name}.`);
    });
  };

  return (
    <section className="panel report" aria-labelledby={headingId}>
      <h3 id={headingId}>Report</h3>
      <div className="field-row">
        <TextField id={`${ids}-from`} label="From" type="date" required value={from} onChange={setFrom} />
        <TextField id={`${ids}-to`} label="To" type="date" required value={to} onChange={setTo} />
      </div>
      <div className="checkbox">
        <input
          id={`${ids}-internal`}
          type="checkbox"
          checked={internal}
          onChange={(event) => {
            setInternal(event.target.checked);
          }}
        />
        <label htmlFor={`${ids}-internal`}>Include internal annotations in the PDF</label>
      </div>
      <p className="form-actions">
        <button type="button" disabled={pending} onClick={() => { download('pdf'); }}>
          {pending && format === 'pdf' ? 'Preparing PDF…' : 'Download PDF'}
        </button>{' '}
        <button type="button" className="button-secondary" disabled={pending} onClick={() => { download('csv'); }}>
          {pending && format === 'csv' ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </p>
      <ErrorAlert message={error} />
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}

/** Hands a Blob to the browser as a download named `name`. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // the click has started the download; the URL is no longer needed once the browser has read it
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
