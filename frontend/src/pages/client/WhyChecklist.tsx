import { useId, useMemo } from 'react';
import { channelLabel } from '../../api/constants.ts';
import type { Metric, Series, ZoomFactorScore } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import {
  ALL_CHANNELS,
  answerText,
  buildChecklist,
  trendCountsText,
  type ChecklistQuestion,
  type QuestionStatus,
} from './checklist.ts';

const STATUS_TEXT: Record<QuestionStatus, string> = {
  answered: 'Answered',
  checking: 'Checking…',
  unknown: 'Could not be checked',
  'not-measured': 'Not measured',
};

type Props = {
  /** Every metric of the catalogue: the product's question list. */
  catalogue: readonly Metric[];
  /** The client's score, null until (or unless) it loaded. */
  score: ZoomFactorScore | null;
  /** The series the page loaded, by metric key. */
  series: ReadonlyMap<string, LoadState<Series>>;
};

/** "Why you, why now?": each question of the product, answered by its metrics or marked "not measured". */
export function WhyChecklist({ catalogue, score, series }: Props) {
  const headingId = useId();
  const groups = useMemo(() => buildChecklist(catalogue, score, series), [catalogue, score, series]);
  const questions = groups.flatMap((g) => g.questions);
  const answered = questions.filter((q) => q.status === 'answered').length;
  return (
    <section className="panel why-checklist" aria-labelledby={headingId}>
      <h3 id={headingId}>Why you, why now?</h3>
      <p className="muted">
        The product&apos;s questions, each answered by its metrics over the period (or in the score), or marked
        &ldquo;not measured&rdquo;. <span data-testid="why-answered">{`${String(answered)} of ${String(questions.length)} answered.`}</span>
      </p>
      {groups.map((group) => (
        <section key={group.channel} className="why-group" aria-labelledby={`${headingId}-${group.channel}`}>
          <h4 id={`${headingId}-${group.channel}`}>{group.channel === ALL_CHANNELS ? 'All channels' : channelLabel(group.channel)}</h4>
          <ul className="why-list">
            {group.questions.map((question) => (
              <QuestionItem key={question.question} question={question} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function QuestionItem({ question }: { question: ChecklistQuestion }) {
  const { status, trends } = question;
  return (
    <li className={`why-item why-${status}`}>
      <span className="why-mark" aria-hidden="true">
        {status === 'answered' ? '✓' : status === 'not-measured' ? '○' : '…'}
      </span>
      <div className="why-body">
        <p className="why-question">{question.question}</p>
        <p className="why-status">{STATUS_TEXT[status]}</p>
        {trends !== undefined && status === 'answered' && <p className="why-answer">{trendCountsText(trends)}</p>}
        {question.metrics.length > 0 && status === 'not-measured' && (
          <p className="why-by muted">Measured by: {question.metrics.map((m) => m.metric.label).join(', ')}</p>
        )}
        {question.metrics.length > 0 && status !== 'not-measured' && (
          <ul className="why-answers">
            {question.metrics.map(({ metric, answer }) => (
              <li key={metric.key} className={`why-answer why-answer-${answer.kind}`}>
                <span className="why-metric">{metric.label}</span>: {answerText(metric, answer)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
