/**
 * Numbers as the explanation's sentences write them: fixed decimals rounded half away from zero from the shortest
 * decimal that reads back as the number (the published messages are made this way), an optional sign and
 * thousands separators. toFixed rounds the binary value instead (1.005 → "1.00"), which would change messages.
 */

/** The shortest decimal digits of |x| and where the point goes: 0.0123 → { digits: "123", point: -1 }. */
function decimal(x: number): { digits: string; point: number } {
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return { digits, point: Number(exponent) + 1 };
}

/** |x| with exactly `places` decimals, rounded half up on its shortest decimal form. */
function fixedMagnitude(x: number, places: number): string {
  if (x === 0) {
    return places === 0 ? '0' : `0.${'0'.repeat(places)}`;
  }
  const { digits, point } = decimal(x);
  // All digits as an integer scaled by 10^places: keep `point + places` digits, round on the next one.
  const keep = point + places;
  let kept: string;
  if (keep < 0) {
    kept = '0';
  } else {
    const padded = digits.padEnd(keep + 1, '0');
    kept = padded.slice(0, keep) || '0';
    if ((padded[keep] ?? '0') >= '5') {
      kept = increment(kept);
    }
  }
  const whole = kept.padStart(places + 1, '0');
  const intPart = whole.slice(0, whole.length - places).replace(/^0+(?=\d)/, '');
  return places === 0 ? intPart : `${intPart}.${whole.slice(whole.length - places)}`;
}

function increment(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function grouped(magnitude: string): string {
  const [intPart = '', fraction] = magnitude.split('.');
  const withCommas = intPart.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? withCommas : `${withCommas}.${fraction}`;
}

export type FixedOptions = { sign?: boolean; group?: boolean };

/** x with `places` decimals ("%.2f"); `sign` always writes + or − ("%+.2f"), `group` adds commas ("%,.0f"). */
export function fixed(x: number, places: number, options: FixedOptions = {}): string {
  if (Number.isNaN(x)) {
    return 'NaN';
  }
  if (!Number.isFinite(x)) {
    return `${isNegative(x) ? '-' : options.sign ? '+' : ''}Infinity`;
  }
  let magnitude = fixedMagnitude(x, places);
  if (options.group) {
    magnitude = grouped(magnitude);
  }
  if (isNegative(x)) {
    return `-${magnitude}`;
  }
  return options.sign ? `+${magnitude}` : magnitude;
}
