import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import type { LetterSettings } from './schema.ts';

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/** A value written the same whatever the order of its keys (the database keeps JSON keys in its own order). */
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
    : JSON.stringify(value ?? '');

/** The installation's letter details, or null when an administrator has not given them yet. */
export async function letterSettings(db: Database): Promise<LetterSettings | null> {
  const row = await db.selectFrom('installation_settings').select('value').where('key', '=', 'letter').executeTakeFirst();
  return row ? (row.value as LetterSettings) : null;
}

export async function installationSettings(ctx: AppContext) {
  const row = await ctx.db
    .selectFrom('installation_settings')
    .select(['value', 'updated_at'])
    .where('key', '=', 'letter')
    .executeTakeFirst();
  return { letter: row ? (row.value as LetterSettings) : null, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

/** An administrator changes what the letters say of the sender and the appeal; the change and what it was are audited. */
export async function saveLetterSettings(ctx: AppContext, who: Who, letter: LetterSettings) {
  const before = await letterSettings(ctx.db);
  const changed = (Object.keys(letter) as Array<keyof LetterSettings>).filter((key) => canonical(letter[key]) !== canonical(before?.[key]));
  await ctx.db.transaction().execute(async (trx) => {
    const row = { key: 'letter', value: JSON.stringify(letter), updated_at: new Date(), updated_by: who.actorId ?? null };
    await trx
      .insertInto('installation_settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }))
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'installation.letter_settings',
      outcome: 'succeeded',
      details: { changed, before: before ?? null, after: letter },
    });
  });
  return installationSettings(ctx);
}

/** What the demo installation's letters say: the assistance system's published contact details. */
export const demoLetterSettings: LetterSettings = {
  systemName: {
    fi: 'Ihmiskaupan uhrien auttamisjärjestelmä',
    sv: 'Hjälpsystemet för offer för människohandel',
    en: 'Assistance System for Victims of Human Trafficking',
  },
  address: 'Joutsenon vastaanottokeskus\nPL 1\n54101 Joutseno',
  phone: '029 54 63 177 (24/7)',
  email: 'ihmiskauppa.auttamisjarjestelma@migri.fi',
  website: 'ihmiskauppa.fi',
  appealAuthority: {
    fi: 'Itä-Suomen hallinto-oikeus',
    sv: 'Östra Finlands förvaltningsdomstol',
    en: 'Administrative Court of Eastern Finland',
  },
  appealAddress: 'PL 1744\n70101 Kuopio\nita-suomi.hao@oikeus.fi',
};
