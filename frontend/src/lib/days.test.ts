import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayFromToday, endOfPickedDay, startOfPickedDay } from './days';

describe('picked days', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names days from today in local time', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 0, 31, 15, 30));
    expect(dayFromToday(0)).toBe('2026-01-31');
    expect(dayFromToday(1)).toBe('2026-02-01');
    expect(dayFromToday(365)).toBe('2027-01-31');
  });

  it('turns a picked day into the instants of its start and end', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 0, 31, 15, 30));
    expect(startOfPickedDay('')).toBe('');
    expect(endOfPickedDay('')).toBe('');
    expect(startOfPickedDay('2026-01-31')).toBe(new Date(2026, 0, 31, 15, 30).toISOString());
    expect(startOfPickedDay('2026-02-03')).toBe(new Date(2026, 1, 3, 0, 0, 0).toISOString());
    expect(endOfPickedDay('2026-02-03')).toBe(new Date(2026, 1, 3, 23, 59, 59).toISOString());
    expect(startOfPickedDay('not a day')).toBe('not a day');
    expect(endOfPickedDay('not a day')).toBe('not a day');
  });
});
