import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ZoomFactorScore } from '../../api/types.ts';
import { score } from '../../score/engine.ts';
import { INPUT } from '../../test/scoreFixtures.ts';
import { ScoreCheck } from './ScoreCheck.tsx';

/** The score the browser computes from the fixture (it is scored). */
const SCORE = Number(score(INPUT).score);

/** What the API adds to the engine's explanation: the client's id and the window the inputs were read over. */
const ADDED = { clientId: 'c-acme', window: { days: INPUT.windowDays, from: '2026-11-24', to: INPUT.asOf } };

function served(change: (z: ZoomFactorScore) => void = () => undefined): ZoomFactorScore {
  const z: ZoomFactorScore = { ...structuredClone(score(INPUT)), ...ADDED };
  change(z);
  return z;
}

describe('ScoreCheck', () => {
  it('fetches the inputs of the shown day, recomputes them and says the score matches', async () => {
    const loadInputs = vi.fn(() => Promise.resolve(INPUT));
    render(<ScoreCheck served={served()} loadInputs={loadInputs} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Check this score' }));

    expect((await screen.findByText(/Recomputed in your browser/)).textContent).toBe(
      `Recomputed in your browser: ${SCORE.toFixed(1)} — matches`,
    );
    expect(loadInputs).toHaveBeenCalledWith('2026-11-30');
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('lists the figures that differ, line by line', async () => {
    const shown = served((z) => {
      z.score = SCORE + 5;
      const attention = z.components[0];
      if (attention?.metrics[0] !== undefined) {
        attention.metrics[0].normalized = 10;
      }
    });
    render(<ScoreCheck served={shown} loadInputs={() => Promise.resolve(INPUT)} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Check this score' }));

    expect((await screen.findByText(/Recomputed in your browser/)).textContent).toBe(
      `Recomputed in your browser: ${SCORE.toFixed(1)} — differs in 2 figures`,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      `score: server ${(SCORE + 5).toFixed(2)}, browser ${SCORE.toFixed(2)}`,
      'Attention › web.bounce_rate › normalized: server 10.00, browser 75.00',
    ]);
  });

  it('agrees that a client with no data is not scored yet', async () => {
    const empty = { ...INPUT, daily: {}, breakdowns: {} };
    const notScored: ZoomFactorScore = { ...score(empty), ...ADDED };
    render(<ScoreCheck served={notScored} loadInputs={() => Promise.resolve(empty)} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Check this score' }));

    expect((await screen.findByText(/Recomputed in your browser/)).textContent).toBe(
      'Recomputed in your browser: not scored yet — matches',
    );
  });

  it('says why when the inputs cannot be had', async () => {
    render(<ScoreCheck served={served()} loadInputs={() => Promise.reject(new Error('No such client'))} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Check this score' }));

    expect((await screen.findByRole('alert')).textContent).toBe('No such client');
  });
});
