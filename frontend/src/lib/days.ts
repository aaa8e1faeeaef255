// Days picked in a date field (`YYYY-MM-DD`, the person's own time zone) and the instants sent for them.

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a day `days` from today, in the person's own time zone. */
export function dayFromToday(days: number): string {
  const date = new Date(Date.now() + days * DAY);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a picked day (today: now) as an instant; '' when no day is picked. */
export function startOfPickedDay(day: string): string {
  if (day === '') return '';
  if (day === dayFromToday(0)) return new Date().toISOString();
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? day : date.toISOString();
}

/** The end of a picked day as an instant; '' when no day is picked. */
export function endOfPickedDay(day: string): string {
  if (day === '') return '';
  const date = new Date(`${day}T23:59:59`);
  return Number.isNaN(date.getTime()) ? day : date.toISOString();
}
