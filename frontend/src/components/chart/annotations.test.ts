import { describe, expect, it } from 'vitest';
import { annotationsNear, annotationsWithin } from './annotations.ts';

const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

describe('annotationsWithin', () => {
  it('keeps those within the days, once each, by day; a bare day has no text', () => {
    expect(
      annotationsWithin(
        ['2026-11-03', { date: '2026-11-01', text: 'Launch' }, '2026-11-03', { date: '2026-12-01', text: 'Later' }, { date: '2026-11-03', text: 'Sale' }],
        '2026-11-01',
        '2026-11-30',
      ),
    ).toEqual([
      { date: '2026-11-01', text: 'Launch' },
      { date: '2026-11-03', text: '' },
      { date: '2026-11-03', text: 'Sale' },
    ]);
    expect(annotationsWithin(['2026-11-03'], undefined, undefined)).toEqual([]);
  });
});

describe('annotationsNear', () => {
  const annotations = [
    { date: '2026-11-02', text: 'Newsletter' },
    { date: '2026-11-04', text: 'Ad campaign' },
    { date: '2026-11-20', text: 'Redesign' },
  ];
  it.each([
    { name: 'those in the hovered week', bucket: { from: '2026-11-02', to: '2026-11-08' }, pointer: seconds('2026-11-09'), texts: ['Newsletter', 'Ad campaign'] },
    { name: 'the hovered day only', bucket: { from: '2026-11-04', to: '2026-11-04' }, pointer: seconds('2026-11-04'), texts: ['Ad campaign'] },
    // One pixel is an hour here: the marker of 20 Nov is 6 px from the pointer.
    { name: 'a marker near the pointer, between points', bucket: null, pointer: seconds('2026-11-20') + 6 * 3600, texts: ['Redesign'] },
    { name: 'nothing when the pointer is far from every marker', bucket: null, pointer: seconds('2026-11-21'), texts: [] },
  ])('$name', ({ bucket, pointer, texts }) => {
    expect(annotationsNear(annotations, bucket, { seconds: pointer, secondsPerPixel: 3600 }, seconds).map((a) => a.text)).toEqual(texts);
  });
});
