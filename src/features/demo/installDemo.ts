import { demoRegisterLines, importRegister } from '../exchange/index.ts';
import { lastReportYear } from '../statistics/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Role } from '../../core/policy/policy.ts';
import { actorOf } from '../../core/policy/actorOf.ts';
import { createAccount, findAccountByUsername } from '../accounts/index.ts';
import { createClient, shareClient } from '../clients/index.ts';
import { demoLetterSettings, saveLetterSettings } from '../installation/index.ts';

export const demoOffices = [
  { id: 'lappeenranta', name: 'Lappeenranta (Joutseno)' },
  { id: 'helsinki', name: 'Helsinki' },
  { id: 'tampere', name: 'Tampere' },
  { id: 'oulu', name: 'Oulu' },
];

export const demoOrganisations = [
  { id: 'riku', name: 'Rikosuhripäivystys RIKU', kind: 'victim_support' },
  { id: 'monika', name: 'Monika-Naiset liitto', kind: 'shelter' },
  { id: 'pro-tukipiste', name: 'Pro-tukipiste', kind: 'ngo' },
  { id: 'pakolaisneuvonta', name: 'Pakolaisneuvonta / Refugee Advice Centre', kind: 'ngo' },
  { id: 'helsinki-social', name: 'Helsingin kaupunki, sosiaalityö', kind: 'municipal_social_worker' },
  { id: 'te-uusimaa', name: 'TE-toimisto, Uusimaa', kind: 'employment_office' },
  { id: 'poliisi', name: 'Poliisi', kind: 'police' },
  { id: 'joutseno', name: 'Joutsenon vastaanottokeskus', kind: 'reception_centre' },
  { id: 'ikut', name: 'IKUT-hanke (työelämävalmennus)', kind: 'ngo' },
];

const demoAccounts: Array<{
  username: string;
  displayName: string;
  role: Role;
  title: string;
  officeId?: string;
  organisationId?: string;
}> = [
  { username: 'johtaja@polku.demo', displayName: 'Johanna Johtaja', role: 'director', title: 'Johtaja', officeId: 'helsinki' },
  {
    username: 'ohjaaja@polku.demo',
    displayName: 'Sanna Sosiaaliohjaaja',
    role: 'caseworker',
    title: 'Sosiaaliohjaaja',
    officeId: 'helsinki',
  },
  {
    username: 'hoitaja@polku.demo',
    displayName: 'Teija Terveydenhoitaja',
    role: 'nurse',
    title: 'Terveydenhoitaja',
    officeId: 'lappeenranta',
  },
  {
    username: 'valmentaja@polku.demo',
    displayName: 'Ville Valmentaja',
    role: 'coach',
    title: 'Työelämävalmentaja',
    organisationId: 'ikut',
  },
  { username: 'kumppani@polku.demo', displayName: 'Riikka RIKU', role: 'partner', title: 'Ohjaaja', organisationId: 'riku' },
  { username: 'tutkija@polku.demo', displayName: 'Tuomas Tutkija', role: 'researcher', title: 'Tutkija' },
  { username: 'yllapito@polku.demo', displayName: 'Ylli Ylläpitäjä', role: 'administrator', title: 'Pääkäyttäjä' },
];

/**
 * A demo installation on an empty database: offices, partner organisations, one account per role and
 * a few invented clients. Returns the accounts' first passwords, to be printed once; null when the
 * installation already has accounts.
 */
export async function installDemo(ctx: AppContext): Promise<Array<{ username: string; role: string; password: string }> | null> {
  const existing = await ctx.db.selectFrom('accounts').select('id').limit(1).execute();
  if (existing.length > 0) return null;
  await ctx.db
    .insertInto('offices')
    .values(demoOffices)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await ctx.db
    .insertInto('organisations')
    .values(demoOrganisations)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const system = { actorId: null, actorRole: 'system', ip: null };
  const credentials = [];
  for (const account of demoAccounts) {
    const { initialPassword } = await createAccount(ctx, system, account, { direct: true });
    credentials.push({ username: account.username, role: account.role, password: initialPassword });
  }
  // What the letters say of the sender and the appeal, as an administrator would set them.
  await saveLetterSettings(ctx, system, demoLetterSettings);
  const caseworker = actorOf((await findAccountByUsername(ctx.db, 'ohjaaja@polku.demo'))!);
  const who = { actor: caseworker, ip: null };
  const amina = await createClient(ctx, who, {
    name: 'Amina Demo',
    birthDate: '1995-03-14',
    gender: 'female',
    nationality: 'NG',
    contact: 'Puhelin vain tiistaisin klo 10–12',
    whereabouts: 'Turvakoti (osoite suojattu)',
  });
  await createClient(ctx, who, {
    name: 'Minh Demo',
    birthDate: '1988-10-02',
    gender: 'male',
    nationality: 'VN',
    contact: 'Sähköposti, ei tekstiviestejä',
  });
  await shareClient(ctx, who, amina.id, 'riku', ['identity', 'services']);
  // An invented register behind the statistics: fifteen years of cases up to last year.
  const lastYear = lastReportYear() - 1;
  await importRegister(
    ctx,
    system,
    [...demoRegisterLines({ clients: 1500, fromYear: lastYear - 14, toYear: lastYear, seed: 2006 })].join('\n'),
  );
  return credentials;
}
