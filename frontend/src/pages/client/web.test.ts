import { describe, expect, it } from 'vitest';
import { visitorsNow } from '../../live/types.ts';
import { relativeChange, visitorsNowText, webFigures } from './web.ts';

const zero = { visitors: 0, visits: 0, pageviews: 0, bounceRate: 0, visitDuration: 0, pagesPerVisit: 0 };

describe('web figures', () => {
  it('compares each figure with the period before, a lower bounce rate being good news', () => {
    const figures = webFigures({
      visitors: 120,
      visits: 150,
      pageviews: 300,
      bounceRate: 0.4,
      visitDuration: 65,
      pagesPerVisit: 2,
      previous: { visitors: 100, visits: 150, pageviews: 400, bounceRate: 0.5, visitDuration: 60, pagesPerVisit: 2 },
    });
    expect(figures.map((f) => [f.label, f.value, f.change, f.tone])).toEqual([
      ['Visitors', '120', '+20.0% vs previous period', 'good'],
      ['Visits', '150', '0.0% vs previous period', 'neutral'],
      ['Pageviews', '300', '\u221225.0% vs previous period', 'bad'],
      ['Bounce rate', '40%', '\u221220.0% vs previous period', 'good'],
      ['Visit duration', '1m 05s', '+8.3% vs previous period', 'good'],
      ['Pages per visit', '2', '0.0% vs previous period', 'neutral'],
    ]);
  });

  it('says nothing of a change when the period before had no visits', () => {
    const figures = webFigures({ ...zero, visitors: 3, visits: 4, pageviews: 5, previous: zero });
    expect(figures.every((f) => f.change === null && f.tone === 'neutral')).toBe(true);
    expect(relativeChange(5, 0, true)).toBeNull();
    expect(relativeChange(5, 4, true)).toBeCloseTo(0.25);
  });

  it('words visitors now', () => {
    expect(visitorsNowText(1)).toBe('1 visitor now');
    expect(visitorsNowText(0)).toBe('0 visitors now');
    expect(visitorsNowText(1200)).toBe('1,200 visitors now');
  });

  it('reads a web live event, and refuses one not as expected', () => {
    expect(visitorsNow({ visitors: 2, pages: [{ path: '/a', visitors: 2 }] })).toEqual({
      visitors: 2,
      pages: [{ path: '/a', visitors: 2 }],
    });
    expect(visitorsNow({ visitors: '2', pages: [] })).toBeNull();
    expect(visitorsNow({ visitors: 2, pages: [{ path: 3 }] })).toBeNull();
    expect(visitorsNow(null)).toBeNull();
  });
});
