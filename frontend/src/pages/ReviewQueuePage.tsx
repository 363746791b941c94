import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/endpoints.ts';
import type { ReportReview } from '../api/types.ts';
import { useApi } from '../auth/SessionContext.ts';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback.tsx';
import { TextAreaField } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { formatPeriod } from './format.ts';

/** The server's bound on a summary. */
export const MAX_SUMMARY = 5000;

/** The pending queue's key: the page and the header's count badge share it. */
export const PENDING_REVIEWS = queryKeys.reportReviews({ state: 'pending' });

/**
 * The review queue: scheduled reports (of schedules with review on) waiting for an analyst, every client's. Each is
 * read, its summary edited maybe, then approved (sent to the schedule's recipients) or skipped (not sent).
 */
export function ReviewQueuePage() {
  usePageTitle('Reports to review');
  const headingId = useId();
  const reviews = useApiQuery(PENDING_REVIEWS, (request, signal) => api.listReportReviews(request, 'pending', signal));
  const clients = useApiQuery(queryKeys.clients(), (request, signal) => api.listClients(request, signal));
  const names = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Reports to review</h2>
      <p className="hint">
        Scheduled reports with review on wait here. Approve one to e-mail it (with the summary as you leave it), or skip
        it: that period’s report is then not sent.
      </p>
      {reviews.isPending && <Loading label="Loading the reports…" />}
      {reviews.isError && <LoadError message={reviews.error.message} onRetry={() => void reviews.refetch()} />}
      {reviews.data?.length === 0 && <p>No report is waiting for review.</p>}
      {reviews.data !== undefined && reviews.data.length > 0 && (
        <ul className="card-list">
          {reviews.data.map((review) => (
            <ReviewItem key={review.id} review={review} clientName={names.get(review.clientId) ?? 'A client'} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewItem({ review, clientName }: { review: ReportReview; clientName: string }) {
  const ids = useId();
  const request = useApi();
  const queryClient = useQueryClient();
  const decide = useAction();
  const [summary, setSummary] = useState(review.summary);
  const title = `${clientName}, ${formatPeriod(review.from, review.to)}`;

  const run = (work: () => Promise<unknown>) => {
    void decide.run(async () => {
      await work();
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportReviews() });
    });
  };

  return (
    <li className="card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>
        <Link to={`/clients/${encodeURIComponent(review.clientId)}`}>{clientName}</Link>, {formatPeriod(review.from, review.to)}
      </h3>
      <TextAreaField
        id={`${ids}-summary`}
        label={`Summary of ${title}`}
        value={summary}
        maxLength={MAX_SUMMARY}
        rows={8}
        required
        onChange={setSummary}
      />
      <p className="hint">Paragraphs are separated by a blank line. The PDF goes with it as attached.</p>
      <ErrorAlert message={decide.error} />
      <div className="form-actions">
        <button
          type="button"
          disabled={decide.pending || summary.trim() === ''}
          aria-label={`Approve and send ${title}`}
          onClick={() => {
            run(() => api.approveReportReview(request, review.clientId, review.id, summary));
          }}
        >
          Approve and send
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={decide.pending}
          aria-label={`Skip ${title}`}
          onClick={() => {
            run(() => api.skipReportReview(request, review.clientId, review.id));
          }}
        >
          Skip
        </button>
      </div>
    </li>
  );
}
