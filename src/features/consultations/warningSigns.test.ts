import { describe, expect, it } from 'vitest';
import { loadLocale } from '../../core/i18n/i18n.ts';
import { meansOfControl } from '../../core/codes.ts';
import { iloIndicators, lookIntoFurther, warningSigns } from './warningSigns.ts';

describe('the warning signs', () => {
  it('are the guide’s eleven, each with ILO indicators and means of control that exist and have words in fi, sv and en', () => {
    expect(warningSigns).toHaveLength(11);
    expect(iloIndicators).toHaveLength(11);
    for (const language of ['fi', 'sv', 'en'] as const) {
      const words = loadLocale(language).recognition as Record<string, Record<string, string>>;
      for (const sign of warningSigns) {
        expect(words.signs[sign.id], `${language} ${sign.id}`).toBeTruthy();
        expect(sign.ilo.length).toBeGreaterThan(0);
        for (const indicator of sign.ilo) expect(words.ilo[indicator], indicator).toBeTruthy();
        for (const means of sign.htcds) {
          expect(meansOfControl).toContain(means);
          expect(words.htcds[means], means).toBeTruthy();
        }
      }
    }
  });
});

describe('look into this further', () => {
  it('says so at one yes', () => {
    expect(lookIntoFurther({ nervousness: 'yes' })).toBe(true);
    expect(lookIntoFurther({ nervousness: 'yes', repeated_moves: 'no' })).toBe(true);
  });
  it('says so at two maybes, not at one', () => {
    expect(lookIntoFurther({ nervousness: 'maybe' })).toBe(false);
    expect(lookIntoFurther({ nervousness: 'maybe', repeated_moves: 'maybe' })).toBe(true);
  });
  it('says nothing when every answer is no, or none is given', () => {
    expect(lookIntoFurther({})).toBe(false);
    expect(lookIntoFurther(Object.fromEntries(warningSigns.map((sign) => [sign.id, 'no'])))).toBe(false);
    expect(lookIntoFurther({ nervousness: 'maybe', repeated_moves: 'no', always_escorted: 'no' })).toBe(false);
  });
});
