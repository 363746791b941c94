import { dayOf } from './days.ts';
import type { DailyValueJson } from './model.ts';

/**
 * One metric's finite daily values sorted by day, cut into periods on demand. Non-finite values are absent, like
 * days without data; two values on one day of a period are an error (the input is ambiguous).
 */
export class DailySeries {
  private readonly allDays: number[];
  private readonly allValues: number[];

  private readonly key: string;

  constructor(key: string, list: readonly DailyValueJson[]) {
    this.key = key;
    const finite = list
      .map((v, position) => ({ day: dayOf(v.date), value: Number(v.value), position }))
      .filter((v) => typeof v.value === 'number' && Number.isFinite(v.value))
      .sort((a, b) => a.day - b.day || a.position - b.position);
    this.allDays = finite.map((v) => v.day);
    this.allValues = finite.map((v) => v.value);
  }

  /** The values dated in [from, to] (day numbers), in day order. */
  values(from: number, to: number): number[] {
    return this.range(from, to).map((i) => this.allValues[i] as number);
  }

  /** The days of {@link values}, in the same order. */
  days(from: number, to: number): number[] {
    return this.range(from, to).map((i) => this.allDays[i] as number);
  }

  private range(from: number, to: number): number[] {
    const indexes: number[] = [];
    for (let i = 0; i < this.allDays.length; i++) {
      const day = this.allDays[i] as number;
      if (day >= from && day <= to) {
        if (indexes.length > 0 && this.allDays[indexes[indexes.length - 1] as number] === day) {
          throw new Error(`more than one value of ${this.key} for day ${day}`);
        }
        indexes.push(i);
      }
    }
    return indexes;
  }
}
