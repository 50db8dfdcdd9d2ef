/** Dates as the assistance system lives them: calendar days and wall-clock times in Europe/Helsinki. */

const helsinkiParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/**
 * An instant as the register writes it: Helsinki wall-clock time with its offset, e.g.
 * 2024-02-05T10:12:00+02:00; milliseconds only when there are any, so the instant is exact.
 */
export function helsinkiTime(value: Date | string): string {
  const instant = new Date(value);
  const parts = Object.fromEntries(helsinkiParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  const millis = instant.getUTCMilliseconds();
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${millis ? `.${String(millis).padStart(3, '0')}` : ''}${offset}`;
}

/** The Helsinki calendar day of an instant, `YYYY-MM-DD`. */
export const helsinkiDate = (value: Date | string = new Date()): string => helsinkiTime(value).slice(0, 10);

/** The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Age in whole years on a calendar day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The calendar day `days` after (or before) another. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An instant as the API sends it (UTC ISO 8601), whatever form the database driver returned. */
export function isoInstant(value: Date | string): string;
export function isoInstant(value: Date | string | null | undefined): string | null;
export function isoInstant(value: Date | string | null | undefined): string | null {
  return value == null ? null : new Date(value).toISOString();
}

/**
 * The instant of a Helsinki wall-clock time (`YYYY-MM-DD`, `HH:MM`). Of the two offsets Helsinki
 * uses, the one whose instant reads back as the same wall-clock time; in the autumn's repeated
 * hour the earlier, and a time the spring skips is null.
 */
export function helsinkiInstant(day: string, time: string): string | null {
  for (const offset of ['+03:00', '+02:00']) {
    const instant = new Date(`${day}T${time}:00${offset}`);
    if (!Number.isNaN(instant.getTime()) && helsinkiTime(instant).startsWith(`${day}T${time}`)) return instant.toISOString();
  }
  return null;
}

/** Whether `YYYY-MM-DD` names a day of the calendar (not 31 April). */
export const isCalendarDay = (day: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
