import { describe, expect, it } from 'vitest';
import type { MetricUnit, Polarity, ScoreHistoryPoint, TrendVerdict } from '../api/types.ts';
import {
  authenticityWarning,
  formatBytes,
  formatCount,
  formatDay,
  formatDiscount,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPoints,
  formatPosition,
  formatRatio,
  formatScore,
  formatValue,
  formulaChangeText,
  importErrorText,
  scoreChange,
  trendText,
  trendTone,
  type Tone,
} from './format.ts';

describe('formatValue', () => {
  it.each<{ unit: MetricUnit; value: number; expected: string }>([
    { unit: 'count', value: 0, expected: '0' },
    { unit: 'count', value: 12300, expected: '12,300' },
    { unit: 'count', value: 1234567, expected: '1,234,567' },
    { unit: 'count', value: 2.37, expected: '2.4' },
    { unit: 'count', value: -1500, expected: '-1,500' },
    { unit: 'ratio', value: 0.1234, expected: '12.3%' },
    { unit: 'ratio', value: 0.5, expected: '50%' },
    { unit: 'ratio', value: 1, expected: '100%' },
    { unit: 'ratio', value: 0, expected: '0%' },
    { unit: 'seconds', value: 65, expected: '1m 05s' },
    { unit: 'seconds', value: 5, expected: '5s' },
    { unit: 'seconds', value: 59.6, expected: '1m 00s' },
    { unit: 'seconds', value: 600, expected: '10m 00s' },
    { unit: 'seconds', value: 3725, expected: '1h 02m 05s' },
    { unit: 'seconds', value: 0, expected: '0s' },
    { unit: 'position', value: 3, expected: '3.0' },
    { unit: 'position', value: 4.26, expected: '4.3' },
    { unit: 'position', value: 12.04, expected: '12.0' },
    { unit: 'count', value: NaN, expected: '—' },
    { unit: 'ratio', value: Infinity, expected: '—' },
    { unit: 'seconds', value: NaN, expected: '—' },
    { unit: 'position', value: NaN, expected: '—' },
  ])('$unit $value → $expected', ({ unit, value, expected }) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it('uses the unit formatters', () => {
    expect(formatCount(1000)).toBe('1,000');
    expect(formatRatio(0.97)).toBe('97%');
    expect(formatDuration(-65)).toBe('-1m 05s');
    expect(formatPosition(1)).toBe('1.0');
  });
});

describe('formatDay and formatPeriod', () => {
  it.each([
    { day: '2026-10-05', expected: '5 Oct 2026' },
    { day: '2026-01-31', expected: '31 Jan 2026' },
    { day: '2026-12-01', expected: '1 Dec 2026' },
    { day: 'not a day', expected: 'not a day' },
    { day: '2026-13-01', expected: '2026-13-01' },
  ])('day $day → $expected', ({ day, expected }) => {
    expect(formatDay(day)).toBe(expected);
  });

  it.each([
    { from: '2026-10-01', to: '2026-10-31', expected: '1–31 Oct 2026' },
    { from: '2026-10-05', to: '2026-10-05', expected: '5 Oct 2026' },
    { from: '2026-10-27', to: '2026-11-02', expected: '27 Oct – 2 Nov 2026' },
    { from: '2025-12-29', to: '2026-01-04', expected: '29 Dec 2025 – 4 Jan 2026' },
    { from: 'x', to: '2026-01-04', expected: 'x – 4 Jan 2026' },
  ])('period $from..$to → $expected', ({ from, to, expected }) => {
    expect(formatPeriod(from, to)).toBe(expected);
  });
});

describe('trendText and trendTone', () => {
  it.each<{ verdict: TrendVerdict; confidence: number; expected: string }>([
    { verdict: 'up', confidence: 0.97, expected: 'up · 97%' },
    { verdict: 'down', confidence: 0.504, expected: 'down · 50%' },
    { verdict: 'flat', confidence: 0, expected: 'flat · 0%' },
    { verdict: 'up', confidence: 1, expected: 'up · 100%' },
    { verdict: 'up', confidence: 1.2, expected: 'up · 100%' },
    { verdict: 'down', confidence: -0.1, expected: 'down · 0%' },
    { verdict: 'flat', confidence: NaN, expected: 'flat · 0%' },
  ])('$verdict at $confidence → $expected', ({ verdict, confidence, expected }) => {
    expect(trendText({ verdict, confidence })).toBe(expected);
  });

  it.each<{ verdict: TrendVerdict; polarity: Polarity; tone: Tone }>([
    { verdict: 'up', polarity: 'higher', tone: 'good' },
    { verdict: 'down', polarity: 'higher', tone: 'bad' },
    { verdict: 'up', polarity: 'lower', tone: 'bad' },
    { verdict: 'down', polarity: 'lower', tone: 'good' },
    { verdict: 'flat', polarity: 'higher', tone: 'neutral' },
    { verdict: 'flat', polarity: 'lower', tone: 'neutral' },
  ])('$verdict for "$polarity is better" is $tone', ({ verdict, polarity, tone }) => {
    expect(trendTone(verdict, polarity)).toBe(tone);
  });
});

describe('importErrorText', () => {
  it.each([
    { error: { line: 3, column: 2, field: 'value', message: 'is not a number' }, expected: 'Line 3, column 2 (value): is not a number' },
    { error: { line: 1, message: 'no date column' }, expected: 'Line 1: no date column' },
    { error: { line: 7, column: 4, message: 'unknown metric' }, expected: 'Line 7, column 4: unknown metric' },
    { error: { line: 9, field: 'competitorId', message: 'is not a competitor' }, expected: 'Line 9 (competitorId): is not a competitor' },
    { error: { sheet: 'the file', line: 4, message: 'not a date' }, expected: 'Line 4: not a date' },
    { error: { sheet: 'Queries.csv', line: 4, column: 2, field: 'Clicks', message: "'five' is not a number" }, expected: "Queries.csv, line 4, column 2 (Clicks): 'five' is not a number" },
    { error: { sheet: 'Pages.csv', line: 0, message: 'by query only' }, expected: 'Pages.csv: by query only' },
    { error: { line: 0, message: 'no sheet recognised' }, expected: 'The file: no sheet recognised' },
  ])('$expected', ({ error, expected }) => {
    expect(importErrorText(error)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    { bytes: 0, expected: '0 bytes' },
    { bytes: 1, expected: '1 byte' },
    { bytes: 1023, expected: '1023 bytes' },
    { bytes: 1536, expected: '1.5 KB' },
    { bytes: 100 * 1024 * 1024, expected: '100 MB' },
    { bytes: 512 * 1024 * 1024 * 1024 * 3, expected: '1,536 GB' },
    { bytes: NaN, expected: '—' },
  ])('$bytes → $expected', ({ bytes, expected }) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('Zoom Factor formats', () => {
  it('formats scores with one decimal', () => {
    expect(formatScore(72.345)).toBe('72.3');
    expect(formatScore(0)).toBe('0.0');
    expect(formatScore(NaN)).toBe('—');
  });

  it.each([
    { value: 12.34, expected: '+12.3 points' },
    { value: -1.25, expected: '\u22121.3 points' },
    { value: -0.01, expected: '0.0 points' },
    { value: Infinity, expected: '—' },
  ])('$value → $expected', ({ value, expected }) => {
    expect(formatPoints(value)).toBe(expected);
  });

  it('formats shares and discounts as whole percentages', () => {
    expect(formatPercent(0.452)).toBe('45%');
    expect(formatDiscount(0.3)).toBe('\u221230%');
    expect(formatDiscount(NaN)).toBe('—');
  });
});

describe('portfolio formats', () => {
  it.each([
    { value: 80.64, expected: '80.6' },
    { value: 61.5, expected: '61.5' },
    { value: 0.4, expected: '0.4' },
    { value: 100, expected: '100.0' },
    { value: NaN, expected: '—' },
  ])('the score the portfolio and the client page both show: $value → $expected', ({ value, expected }) => {
    expect(formatScore(value)).toBe(expected);
  });

  it.each<{ change: number; direction: TrendVerdict; text: string }>([
    { change: 3.2, direction: 'up', text: '+3.2 points' },
    { change: -1.25, direction: 'down', text: '\u22121.3 points' },
    { change: 0, direction: 'flat', text: '0.0 points' },
    { change: 0.04, direction: 'flat', text: '0.0 points' },
    { change: -0.049, direction: 'flat', text: '0.0 points' },
    { change: 0.05, direction: 'up', text: '+0.1 points' },
    { change: NaN, direction: 'flat', text: '—' },
  ])('change $change → $direction "$text"', ({ change, direction, text }) => {
    expect(scoreChange(change)).toEqual({ direction, text });
  });

  it.each([
    { factor: 1, expected: null },
    { factor: 0.95, expected: null },
    { factor: 0.9499, expected: 'Engagement discounted 5%' },
    { factor: 0.85, expected: 'Engagement discounted 15%' },
    { factor: 0.6, expected: 'Engagement discounted 40%' },
    { factor: NaN, expected: null },
  ])('authenticity $factor → $expected', ({ factor, expected }) => {
    expect(authenticityWarning(factor)).toBe(expected);
  });
});

describe('formulaChangeText', () => {
  const base: Pick<ScoreHistoryPoint, 'cause' | 'computedAt' | 'asOf' | 'score' | 'previousScore' | 'methodologyVersion'> = {
    cause: 'weights',
    computedAt: '2026-12-01T10:00:00Z',
    asOf: '2026-11-30',
    score: 61.23,
    previousScore: 58,
    methodologyVersion: '2026-11.1',
  };

  it.each<{ name: string; point: typeof base; expected: string | null }>([
    { name: 'weights', point: base, expected: 'Weights changed on 1 Dec 2026: 58.0 \u2192 61.2' },
    {
      name: 'methodology',
      point: { ...base, cause: 'methodology', methodologyVersion: '2026-12.1', previousScore: 63.04, score: 55 },
      expected: 'Methodology changed to 2026-12.1 on 1 Dec 2026: 63.0 \u2192 55.0',
    },
    { name: 'weights, no earlier score', point: { ...base, previousScore: null }, expected: 'Weights changed on 1 Dec 2026: now 61.2' },
    { name: 'unreadable instant: the asOf day', point: { ...base, computedAt: 'soon' }, expected: 'Weights changed on 30 Nov 2026: 58.0 \u2192 61.2' },
    { name: 'data', point: { ...base, cause: 'data' }, expected: null },
  ])('$name', ({ point, expected }) => {
    expect(formulaChangeText(point)).toBe(expected);
  });
});
