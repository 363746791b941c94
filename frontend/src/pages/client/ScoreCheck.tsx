import { useState } from 'react';
import type { ScoreInputs, ZoomFactorScore } from '../../api/types.ts';
import { ErrorAlert } from '../../components/Feedback.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { checkScore, type ScoreCheck as Outcome } from '../../score/check.ts';
import { score as recompute } from '../../score/engine.ts';
import { formatScore } from '../format.ts';

type Props = {
  /** The explanation on screen. */
  served: ZoomFactorScore;
  /** The raw data of that score (GET /api/clients/{id}/score/inputs for its day). */
  loadInputs: (asOf: string) => Promise<ScoreInputs>;
};

/**
 * "Check this score": fetches the raw data the shown score was computed from and computes it again in the browser
 * with the independent implementation of the methodology, then says whether the two agree, or where they differ.
 */
export function ScoreCheck({ served, loadInputs }: Props) {
  const { run, pending, error } = useAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const check = () => {
    setOutcome(null);
    void run(async () => {
      const inputs = await loadInputs(served.asOf);
      setOutcome(checkScore(served, recompute(inputs)));
    });
  };

  return (
    <div className="zf-check">
      <button type="button" className="button-secondary" disabled={pending} onClick={check}>
        {pending ? 'Checking…' : 'Check this score'}
      </button>
      <ErrorAlert message={error} />
      <div role="status" aria-live="polite" data-testid="score-check">
        {outcome !== null && (
          <>
            <p>
              Recomputed in your browser: {outcome.recomputed === null ? 'not scored yet' : formatScore(outcome.recomputed)} —{' '}
              {outcome.matches ? 'matches' : `differs in ${outcome.lines.length} ${outcome.lines.length === 1 ? 'figure' : 'figures'}`}
            </p>
            {outcome.lines.length > 0 && (
              <ul className="zf-check-differences">
                {outcome.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
