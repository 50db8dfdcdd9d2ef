import { describe, expect, it } from 'vitest';
import { applyReplacements, proposeReplacements, type PseudonymKind } from './pseudonymise.ts';

const code = (kind: PseudonymKind, n: number) => `[${kind} ${n}]`;

describe('pseudonymisation at import', () => {
  const text = [
    'Haastattelija: Kerro työstäsi.',
    'Haastateltava: Työskentelen Vantaalla. Asiakkaani Ahmed Karimi tuli meille Siivouspalvelu Kiilto Oy:n kautta.',
    'Soitin Päivi Testiselle, ja Päivin mukaan asia eteni. Hänen numeronsa on 040 123 4567 ja sähköposti paivi@example.fi.',
    'Later he moved to Tampere with Mr Halvorsen.',
  ].join('\n');

  it('proposes the study’s own names with their codes, and names, organisations, places and contact details by pattern', () => {
    const proposals = proposeReplacements(text, [{ kind: 'person', term: 'Päivi', replacement: '[P01]' }], code);
    const byTerm = Object.fromEntries(proposals.map((proposal) => [proposal.term, [proposal.kind, proposal.replacement, proposal.known]]));
    expect(byTerm['Päivi']).toEqual(['person', '[P01]', true]);
    expect(byTerm['Ahmed Karimi']).toEqual(['person', '[person 1]', false]);
    expect(byTerm['Siivouspalvelu Kiilto Oy']).toEqual(['organisation', '[organisation 1]', false]);
    expect(byTerm['Vantaalla']?.[0]).toBe('place');
    expect(byTerm['Tampere']?.[0]).toBe('place');
    expect(byTerm['Halvorsen']?.[0]).toBe('person');
    expect(byTerm['040 123 4567']?.[0]).toBe('contact');
    expect(byTerm['paivi@example.fi']?.[0]).toBe('contact');
    // Words that only start a sentence or name a role are not proposed.
    expect(Object.keys(byTerm)).not.toContain('Haastattelija');
    expect(Object.keys(byTerm)).not.toContain('Kerro');
  });

  it('replaces each accepted name everywhere, keeping a Finnish case ending after a colon', () => {
    const { text: replaced, count } = applyReplacements('Päivi soitti. Päivin mukaan Päivi Testinen on Päiviltä.', [
      { term: 'Päivi', replacement: '[P01]' },
      { term: 'Päivi Testinen', replacement: '[P01]' },
    ]);
    expect(replaced).toBe('[P01] soitti. [P01]:n mukaan [P01] on [P01]:ltä.');
    expect(count).toBe(4);
    // Not inside another word.
    expect(applyReplacements('Anna antoi Annalle Annikin', [{ term: 'Anna', replacement: 'X' }]).text).toBe('X antoi X:lle Annikin');
  });
});
