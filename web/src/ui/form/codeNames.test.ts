import { describe, expect, it } from 'vitest';
import { countryCodes, findCodes, languageCodes, namedCodes } from './codeNames.ts';

describe('countries and languages found by their names', () => {
  it('finds a country by its name in the reader’s language, in English, or by its code', () => {
    const finnish = namedCodes('country', 'fi');
    expect(findCodes(finnish, 'ukraina')[0].code).toBe('UA');
    expect(findCodes(finnish, 'Ukraine')[0].code).toBe('UA');
    expect(findCodes(finnish, 'ua')[0].code).toBe('UA');
    expect(findCodes(namedCodes('country', 'sv'), 'elfenbens')[0].code).toBe('CI');
    // Accents are not needed: "cote" finds Côte d’Ivoire.
    expect(findCodes(namedCodes('country', 'en'), 'cote').map((entry) => entry.code)).toContain('CI');
    expect(findCodes(finnish, 'xyzzy')).toEqual([]);
  });

  it('puts the names that start with what was typed before those that only contain it', () => {
    const found = findCodes(namedCodes('country', 'en'), 'guinea').map((entry) => entry.code);
    expect(found.slice(0, 2).sort()).toEqual(['GN', 'GW']);
    expect(found.slice(2).sort()).toEqual(['GQ', 'PG']);
  });

  it('has only codes the API takes, once each', () => {
    expect(countryCodes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(new Set(countryCodes).size).toBe(countryCodes.length);
    expect(languageCodes.every((code) => /^[a-z]{2,3}$/.test(code))).toBe(true);
    expect(new Set(languageCodes).size).toBe(languageCodes.length);
    expect(findCodes(namedCodes('language', 'fi'), 'Dari')[0].code).toBe('prs');
  });
});
