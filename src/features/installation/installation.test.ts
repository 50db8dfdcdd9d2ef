import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { demoLetterSettings } from './service.ts';

let ctx: TestContext;
let app: FastifyInstance;
let administrator: TestAccount;
let director: TestAccount;
let caseworker: TestAccount;
const as = async (account: { id: string }) => sessionFor(ctx, account.id);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [administrator, director, caseworker] = await makeAccounts(ctx, 'administrator', 'director', 'caseworker');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const settings = {
  ...demoLetterSettings,
  address: 'PL 100\n54101 Joutseno',
  appealAuthority: {
    fi: 'Itä-Suomen hallinto-oikeus',
    sv: 'Östra Finlands förvaltningsdomstol',
    en: 'Administrative Court of Eastern Finland',
  },
};

describe('the installation’s letter settings', () => {
  it('are empty until an administrator gives them; the change is audited with what it was', async () => {
    const admin = await as(administrator);
    expect((await injectJson(app, 'GET', '/api/v1/admin/installation', admin)).body).toEqual({ letter: null, updatedAt: null });
    const saved = await injectJson(app, 'PUT', '/api/v1/admin/installation/letter', admin, settings);
    expect(saved.status).toBe(200);
    expect(saved.body.letter).toEqual(settings);
    const changed = await injectJson(app, 'PUT', '/api/v1/admin/installation/letter', admin, { ...settings, phone: '029 000 000' });
    expect(changed.body.letter.phone).toBe('029 000 000');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'installation.letter_settings')
      .orderBy('seq')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor_id: administrator.id, details: { changed: ['phone'], before: { phone: settings.phone } } });
  });

  it('refuse an incomplete change and keep what was there', async () => {
    const admin = await as(administrator);
    const wrong = await injectJson(app, 'PUT', '/api/v1/admin/installation/letter', admin, {
      ...settings,
      appealAuthority: { fi: 'Itä-Suomen hallinto-oikeus', en: '' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'appealAuthority.en',
      'appealAuthority.sv',
    ]);
    expect((await injectJson(app, 'GET', '/api/v1/admin/installation', admin)).body.letter.appealAuthority).toEqual(
      settings.appealAuthority,
    );
    expect((await injectJson(app, 'PUT', '/api/v1/admin/installation/letter', await as(director), settings)).status).toBe(403);
  });
});

describe('the decision letter', () => {
  async function decided(name: string, letterLanguage: 'fi' | 'sv' | 'en') {
    const referral = await injectJson(app, 'POST', '/api/v1/referrals', await as(caseworker), {
      source: 'reception_centre',
      person: {
        name,
        birthDate: '1990-02-03',
        gender: 'female',
        nationality: 'VN',
        languages: ['vi'],
        safePlace: true,
        acuteThreat: false,
      },
      exploitation: { purposes: ['forced_labour'], place: 'finland' },
      consent: { given: true, givenBy: 'person', at: new Date().toISOString(), method: 'in_writing' },
    });
    expect(referral.status).toBe(201);
    const decision = await injectJson(app, 'POST', `/api/v1/referrals/${referral.body.id}/decision`, await as(director), {
      outcome: 'rejected',
      reasons: 'Ei viitteitä ihmiskaupasta.',
      letterLanguage,
    });
    expect(decision.status).toBeLessThan(300);
    return referral.body.id as string;
  }
  const letterOf = async (id: string) => (await injectJson(app, 'GET', `/api/v1/referrals/${id}/decision-letter`, await as(director))).body;

  it('has a diary number drawn once from the installation’s sequence: the same at every printing, the next for the next decision', async () => {
    const first = await decided('Lan Nguyen', 'sv');
    const second = await decided('Mai Tran', 'fi');
    const year = new Date().getFullYear();
    const [a, b] = [(await letterOf(first)).reference, (await letterOf(second)).reference];
    expect(a).toMatch(new RegExp(`^IKU/${year}/\\d{6}$`));
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
    expect((await letterOf(first)).reference).toBe(a);
    expect((await letterOf(second)).reference).toBe(b);
  });

  it('a decision without a number (imported) is given the next one once', async () => {
    const id = await decided('Hoa Pham', 'en');
    const { decision_id } = await ctx.db
      .selectFrom('decisions')
      .select('id as decision_id')
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('decisions').set({ reference: null }).where('id', '=', decision_id).execute();
    const reference = (await letterOf(id)).reference;
    expect(reference).toMatch(/^IKU\/\d{4}\/\d{6}$/);
    expect((await letterOf(id)).reference).toBe(reference);
  });

  it('names the sender and the appeal authority from the installation’s settings, in the letter’s language', async () => {
    const letter = await letterOf(await decided('Thu Le', 'sv'));
    expect(letter.sender).toEqual({
      name: 'Hjälpsystemet för offer för människohandel',
      address: settings.address,
      phone: '029 000 000',
      email: settings.email,
      website: settings.website,
    });
    expect(letter.appeal).toEqual({ authority: 'Östra Finlands förvaltningsdomstol', address: settings.appealAddress });
    expect(letter.deciderName).toBe('Test director');
  });
});
