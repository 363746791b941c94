import { differences, type Difference } from './compare.ts';
import type { ZoomFactorJson } from './model.ts';

/** "Check this score": the server's explanation against the browser's recomputation of it, line by line. */

export type ScoreCheck = {
  /** The score the browser computed; null when it finds the client not scored. */
  recomputed: number | null;
  /** Whether every figure agrees to 0.01 and every sentence exactly. */
  matches: boolean;
  /** One sentence per figure that differs, named as the explanation shows it. */
  lines: string[];
};

/** The served explanation (GET /score, which adds the client's id and window) against the recomputed one. */
export function checkScore(served: { clientId?: string } & Record<string, unknown>, recomputed: ZoomFactorJson): ScoreCheck {
  // the client's id and the window are the API's additions, not the engine's figures (the window is the inputs'
  // asOf and windowDays, which the recomputation reads from the same inputs)
  const explanation: Record<string, unknown> = { ...served };
  delete explanation.clientId;
  delete explanation.window;
  const found = differences(explanation, recomputed);
  return { recomputed: recomputed.score, matches: found.length === 0, lines: found.map((d) => describe(d, recomputed)) };
}

/** "Amplification › twitter.retweets_per_post › normalized: server 70.00, browser 65.00". */
function describe(difference: Difference, recomputed: ZoomFactorJson): string {
  const names: string[] = [];
  let component: ZoomFactorJson['components'][number] | undefined;
  for (const part of difference.path.split('.')) {
    const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
    const field = indexed?.[1] ?? part;
    const index = indexed === null ? null : Number(indexed[2]);
    if (field === 'components' && index !== null) {
      component = recomputed.components[index];
      names.push(component?.label ?? `component ${index + 1}`);
    } else if (field === 'metrics' && index !== null) {
      names.push(component?.metrics[index]?.metric ?? `line ${index + 1}`);
    } else if (field === 'signals' && index !== null) {
      names.push(recomputed.authenticity.signals[index]?.key ?? `signal ${index + 1}`);
    } else if (index !== null) {
      names.push(`${field} ${index + 1}`);
    } else {
      names.push(field);
    }
  }
  if (names[names.length - 1] === 'length') {
    names.pop();
    return `${names.join(' › ')}: server ${String(difference.expected)} entries, browser ${String(difference.actual)}`;
  }
  return `${names.join(' › ')}: server ${shown(difference.expected)}, browser ${shown(difference.actual)}`;
}

function shown(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  return typeof value === 'number' ? value.toFixed(2) : JSON.stringify(value);
}
