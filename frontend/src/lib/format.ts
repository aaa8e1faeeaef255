const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });
const countFormat = new Intl.NumberFormat('en-US');

/** 2001 -> `2,001`. */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

function parse(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2026-11-28T10:00:00+00:00` -> `Nov 28, 2026`; in the person's own time zone. */
export function formatDate(value: string | null | undefined): string {
  if (value == null) return '—';
  const date = parse(value);
  return date === null ? value : dateFormat.format(date);
}

/** `2026-11-28T10:00:00+00:00` -> `Nov 28, 2026, 10:00 AM`; in the person's own time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (value == null) return '—';
  const date = parse(value);
  return date === null ? value : dateTimeFormat.format(date);
}

/** `2026-11-28T10:00:00+00:00` -> `10:00 AM`; in the person's own time zone. */
export function formatTime(value: string | null | undefined): string {
  if (value == null) return '';
  const date = parse(value);
  return date === null ? '' : timeFormat.format(date);
}

/** A string usable in an id (and in a `headers` list, which is split on spaces). */
export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** A date picker's `YYYY-MM-DD` as the end of that day in the person's own time zone (an ISO instant). */
export function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/** An ISO instant as a date picker's `YYYY-MM-DD`, in the person's own time zone ('' for none). */
export function pickerDate(value: string | null | undefined): string {
  if (value == null) return '';
  const date = parse(value);
  if (date === null) return '';
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
