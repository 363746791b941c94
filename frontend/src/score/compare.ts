/** Where two explanations differ: each number to a tolerance, each string, boolean and null exactly. */

export type Difference = { path: string; expected: unknown; actual: unknown };

/** Absolute tolerance of numbers, as docs/conformance.md compares vectors. */
export const TOLERANCE = 0.01;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every JSON path (`components[3].metrics[0].normalized`) at which `actual` differs from `expected`: numbers by
 * more than `tolerance`, anything else when not equal; arrays of another length and objects with other keys differ
 * at their own path.
 */
export function differences(expected: unknown, actual: unknown, tolerance = TOLERANCE, path = ''): Difference[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const same = Number.isFinite(expected) ? Math.abs(expected - actual) <= tolerance : Object.is(expected, actual);
    return same ? [] : [{ path, expected, actual }];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return [{ path: `${path}.length`, expected: expected.length, actual: actual.length }];
    }
    return expected.flatMap((e, i) => differences(e, actual[i], tolerance, `${path}[${i}]`));
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      const at = path === '' ? key : `${path}.${key}`;
      if (!(key in expected) || !(key in actual)) {
        return [{ path: at, expected: expected[key], actual: actual[key] }];
      }
      return differences(expected[key], actual[key], tolerance, at);
    });
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}
