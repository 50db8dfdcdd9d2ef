/**
 * What a form holds, read as the API's request types (#shared/api/…) say it is sent. A field the
 * form does not have reads as empty; the form checks what it can before sending (ui/form), and the
 * server's schema decides the rest.
 */
import { asciiDigits } from '#shared/digits.ts';
import { helsinkiInstant, isCalendarDay } from '#shared/dates.ts';

/** A field exactly as typed (passwords and codes are never trimmed). */
export const formValue = (form: FormData, name: string): string => String(form.get(name) ?? '');
/** A text field, trimmed. */
export const formText = (form: FormData, name: string): string => formValue(form, name).trim();
/** A text field left empty is sent as null, as the API's optional fields take it. */
export const formTextOrNull = (form: FormData, name: string): string | null => formText(form, name) || null;
/** A choice among codes: the value is one the form offered, and the server refuses any other. */
export const formCode = <Code extends string>(form: FormData, name: string): Code => formText(form, name) as Code;
export const formCodeOrNull = <Code extends string>(form: FormData, name: string): Code | null =>
  (formText(form, name) || null) as Code | null;
/** A checkbox: ticked or not. */
export const formChecked = (form: FormData, name: string): boolean => form.get(name) === 'on';
/** Every value of a field that can hold several (a multiple choice, a language picker). */
export const formList = (form: FormData, name: string): string[] =>
  form
    .getAll(name)
    .map((value) => String(value).trim())
    .filter(Boolean);

/** A whole number as typed in any script, or null when the field is empty or not a whole number. */
export function formWholeNumber(form: FormData, name: string): number | null {
  const text = asciiDigits(formText(form, name));
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * A calendar day as people in Finland write it (24.12.2025, 24.12.2025., 1.2.2025) or as ISO
 * (2025-12-24), in any script's digits, as `YYYY-MM-DD`; null when it is not a day of the calendar.
 */
export function parseDay(typed: string): string | null {
  const text = asciiDigits(typed.trim()).replace(/\s+/g, '');
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(text);
  const day = finnish ? `${finnish[3]}-${finnish[2].padStart(2, '0')}-${finnish[1].padStart(2, '0')}` : text;
  return isCalendarDay(day) ? day : null;
}

/** A day as a date field shows it: 24.12.2025, the same in every language of Polku. */
export function showDay(isoDay: string | null | undefined): string {
  if (!isoDay) return '';
  const [year, month, day] = isoDay.slice(0, 10).split('-');
  return `${Number(day)}.${Number(month)}.${year}`;
}

/** A time of day as typed (14.30, 14:30, 9.05), as `HH:MM`; null when it is not one. */
export function parseTime(typed: string): string | null {
  const match = /^(\d{1,2})[.:](\d{2})$/.exec(asciiDigits(typed.trim()));
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return `${match[1].padStart(2, '0')}:${match[2]}`;
}

/** A date field (ui/form DateField) as the API's `YYYY-MM-DD`; empty when left empty. The form has checked it. */
export const formDay = (form: FormData, name: string): string => parseDay(formText(form, name)) ?? formText(form, name);
export const formDayOrNull = (form: FormData, name: string): string | null => (formText(form, name) ? formDay(form, name) : null);

/** A date-and-time field (ui/form DateTimeField: `<name>.day`, `<name>.time`) as the instant it names in Helsinki. */
export function formInstant(form: FormData, name: string): string {
  const day = parseDay(formText(form, `${name}.day`));
  const time = parseTime(formText(form, `${name}.time`));
  return (day && time && helsinkiInstant(day, time)) || '';
}
