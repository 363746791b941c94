import { describe, expect, it } from 'vitest';
import { fixed } from './numberText.ts';

describe('fixed', () => {
  it('rounds the shortest decimal half away from zero, as the server writes its messages', () => {
    // the server's own output for each (String.format with Locale.ROOT), where toFixed would differ on the first
    expect(fixed(1.005, 2)).toBe('1.01');
    expect(fixed(0.125, 2)).toBe('0.13');
    expect(fixed(2.5, 0)).toBe('3');
    expect(fixed(-2.5, 0)).toBe('-3');
    expect(fixed(9.96, 1)).toBe('10.0');
    expect(fixed(0.05, 1)).toBe('0.1');
    expect(fixed(1e-7, 1)).toBe('0.0');
  });

  it('writes a sign when asked, keeps the minus of what rounds to zero, and groups thousands', () => {
    expect(fixed(-0.001, 2, { sign: true })).toBe('-0.00');
    expect(fixed(0.4, 0, { sign: true })).toBe('+0');
    expect(fixed(1234567.5, 0, { group: true })).toBe('1,234,568');
    expect(fixed(999.5, 0, { group: true })).toBe('1,000');
    expect(fixed(0, 2)).toBe('0.00');
  });
});
