const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** `2026-11-28T10:00:00+00:00` -> `Nov 28, 2026`; in the person's own time zone. */
export function formatDate(value: string | null | undefined): string {
  if (value == null) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}
