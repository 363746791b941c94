import { describe, expect, it } from 'vitest';
import { differences } from './compare.ts';
import { score } from './engine.ts';
import type { ScoreInputJson } from './model.ts';

/** The published conformance vectors (docs/conformance.md), generated from the server's engine. */
type Vector = { name: string; rules: string[]; description: string; input: ScoreInputJson; expected: unknown };

const vectors = Object.entries(
  import.meta.glob<Vector>('../../../shared/src/test/resources/conformance/*.json', { eager: true, import: 'default' }),
);

describe('the browser engine reproduces every conformance vector', () => {
  it('finds the vectors', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('%s', (_file, vector) => {
    const mismatches = differences(vector.expected, score(vector.input)).map(
      (d) => `${d.path}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`,
    );
    expect(mismatches, `${vector.name} (${vector.rules.join(', ')}): ${vector.description}`).toEqual([]);
  });
});
