import { describe, expect, it } from 'vitest';
import { asciiDigits } from '#shared/digits.ts';
import { formInstant, formWholeNumber, parseDay, parseTime, showDay } from './forms.ts';

describe('what people type into forms', () => {
  it('reads digits of any script as the same number', () => {
    expect(asciiDigits('١٩٨٥')).toBe('1985'); // Arabic-Indic
    expect(asciiDigits('۱۳۶۴')).toBe('1364'); // Persian (Dari)
    expect(asciiDigits('१९८५')).toBe('1985'); // Devanagari (Nepali)
    expect(asciiDigits('๒๕๖๘')).toBe('2568'); // Thai
    expect(asciiDigits('１９８５')).toBe('1985'); // full-width
    expect(asciiDigits('𝟏𝟗 𝟙𝟡')).toBe('19 19'); // adjacent runs of mathematical digits
    const form = new FormData();
    form.set('year', ' ١٩٨٥ ');
    form.set('children', '2 lasta');
    expect(formWholeNumber(form, 'year')).toBe(1985);
    expect(formWholeNumber(form, 'children')).toBeNull();
    expect(formWholeNumber(form, 'missing')).toBeNull();
  });

  it('reads days as written in Finland or as ISO, and refuses days the calendar does not have', () => {
    expect(parseDay('24.12.2025')).toBe('2025-12-24');
    expect(parseDay('1.2.2025.')).toBe('2025-02-01');
    expect(parseDay(' 2025-12-24 ')).toBe('2025-12-24');
    expect(parseDay('٢٤.١٢.٢٠٢٥')).toBe('2025-12-24');
    expect(parseDay('29.2.2024')).toBe('2024-02-29');
    expect(parseDay('29.2.2025')).toBeNull();
    expect(parseDay('31.4.2025')).toBeNull();
    expect(parseDay('24.12.25')).toBeNull(); // which century is not guessed
    expect(parseDay('12/24/2025')).toBeNull();
    expect(showDay('2025-02-01')).toBe('1.2.2025');
    expect(parseDay(showDay('2025-02-01'))).toBe('2025-02-01');
  });

  it('reads a time of day and the Helsinki instant of a day and time, across the clock changes', () => {
    expect(parseTime('14.30')).toBe('14:30');
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('24.00')).toBeNull();
    expect(parseTime('14.3')).toBeNull();
    const instant = (day: string, time: string) => {
      const form = new FormData();
      form.set('at.day', day);
      form.set('at.time', time);
      return formInstant(form, 'at');
    };
    expect(instant('15.1.2026', '14.30')).toBe('2026-01-15T12:30:00.000Z'); // winter, +02:00
    expect(instant('15.7.2026', '14.30')).toBe('2026-07-15T11:30:00.000Z'); // summer, +03:00
    expect(instant('29.3.2026', '3.30')).toBe(''); // the hour the spring skips
    expect(instant('25.10.2026', '3.30')).toBe('2026-10-25T00:30:00.000Z'); // the repeated hour: the earlier
    expect(instant('', '14.30')).toBe('');
  });
});
