import { demoRegisterLines, importRegister } from '../exchange/index.ts';
import { lastReportYear, publishPastYears } from '../statistics/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Role } from '../../core/policy/policy.ts';
import { actorOf } from '../../core/policy/actorOf.ts';
import { createAccount, findAccountByUsername } from '../accounts/index.ts';
import { createClient, shareClient } from '../clients/index.ts';
import { installPathwayDemo } from '../pathway/index.ts';
import { createGroup, installDemoParticipants } from '../coaching/index.ts';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { createGuide, createStudy, seedResearchQuestions, setTeam } from '../study/index.ts';
import { demoLetterSettings, saveLetterSettings } from '../installation/index.ts';
import { installDemoCompetenceCentre } from '../consultations/index.ts';

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
  // A second researcher, so that two can code the same transcript and their agreement be compared.
  { username: 'tutkija2@polku.demo', displayName: 'Tiina Toinen', role: 'researcher', title: 'Tutkija' },
  { username: 'yllapito@polku.demo', displayName: 'Ylli Ylläpitäjä', role: 'administrator', title: 'Pääkäyttäjä' },
  // A municipal social worker, who works on the client plans that name the city's social work.
  {
    username: 'sosiaalityo@polku.demo',
    displayName: 'Satu Sosiaalityöntekijä',
    role: 'partner',
    title: 'Sosiaalityöntekijä',
    organisationId: 'helsinki-social',
  },
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
  const minh = await createClient(ctx, who, {
    name: 'Minh Demo',
    birthDate: '1988-10-02',
    gender: 'male',
    nationality: 'VN',
    contact: 'Sähköposti, ei tekstiviestejä',
  });
  // Each share with the person's consent, given in writing when the demo was installed.
  const consent = { givenBy: 'person' as const, method: 'in_writing' as const, at: new Date().toISOString() };
  await shareClient(ctx, who, amina.id, { organisationId: 'riku', fieldGroups: ['identity', 'services'], consent });
  // The path to work: the city's social work and Monika-Naiset work on Amina's plan and services, the
  // city's social work on Minh's, whose nurse is on his case.
  await shareClient(ctx, who, amina.id, { organisationId: 'helsinki-social', fieldGroups: ['identity', 'services'], consent });
  await shareClient(ctx, who, amina.id, { organisationId: 'monika', fieldGroups: ['identity', 'services'], consent });
  await shareClient(ctx, who, minh.id, { organisationId: 'helsinki-social', fieldGroups: ['identity', 'services'], consent });
  const nurse = await findAccountByUsername(ctx.db, 'hoitaja@polku.demo');
  await ctx.db.insertInto('client_assignments').values({ client_id: minh.id, account_id: nurse!.id }).execute();
  const directorWho = { actor: actorOf((await findAccountByUsername(ctx.db, 'johtaja@polku.demo'))!), ip: null };
  await installPathwayDemo(ctx, { caseworker: who, director: directorWho }, { amina: amina.id, minh: minh.id });
  await installDemoCoaching(ctx);
  // The competence centre: consultations, two from the recognition guide waiting, and training events.
  await installDemoCompetenceCentre(ctx, who);
  // The employment study with the seed's two research questions and its interview guide, the researcher on its team.
  const researcher = { actor: actorOf((await findAccountByUsername(ctx.db, 'tutkija@polku.demo'))!), ip: null };
  const study = await createStudy(ctx, researcher, {
    title: 'Ulkomaalaistaustaisten ihmiskaupan uhrien työllistyminen',
    researchQuestions: seedResearchQuestions('fi'),
    ethicsReference: null,
    dataLocation: 'Auttamisjärjestelmän suojattu verkkolevy; litteroinnit Polussa',
    retainUntil: null,
    status: 'planning',
  });
  await createGuide(ctx, researcher, study.id, { title: 'Haastattelurunko', language: 'fi', fromTemplate: true });
  const second = (await findAccountByUsername(ctx.db, 'tutkija2@polku.demo'))!;
  await setTeam(ctx, researcher, study.id, { accountIds: [researcher.actor.id, second.id] });
  // An invented register behind the statistics: fifteen years of cases up to last year.
  const lastYear = lastReportYear() - 1;
  await importRegister(
    ctx,
    system,
    [...demoRegisterLines({ clients: 1500, fromYear: lastYear - 14, toYear: lastYear, seed: 2006 })].join('\n'),
  );
  // Its past years published as releases, as the director would have, so the statistics have something
  // public; the last year is left for the director to publish, as each spring.
  const director = await findAccountByUsername(ctx.db, 'johtaja@polku.demo');
  await publishPastYears(ctx, { actorId: director!.id, actorRole: 'director', ip: null }, lastYear - 14, lastYear - 1);
  return credentials;
}

/**
 * Two work-life coaching groups of the IKUT model, one finished and one running, whatever the day
 * the demo is installed: they start on Mondays 20 and 3 weeks before this week's.
 */
async function installDemoCoaching(ctx: AppContext) {
  const coach = { actor: actorOf((await findAccountByUsername(ctx.db, 'valmentaja@polku.demo'))!), ip: null };
  const today = helsinkiDate();
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const requirements = [
    { kind: 'gender' as const, genders: ['female' as const] },
    { kind: 'language' as const, languages: ['fi', 'en'], level: 'moderate' as const },
    { kind: 'literacy' as const, script: 'latin' as const },
  ];
  const finished = await createGroup(ctx, coach, {
    programmeId: 'ikut',
    name: 'IKUT-ryhmä 1',
    startsOn: addDays(monday, -20 * 7),
    place: 'Helsinki, Monikan koulutustila',
    teachingLanguages: ['fi', 'en'],
    capacity: 6,
    coachIds: [],
    partnerIds: ['riku', 'monika'],
    requirements,
  });
  const running = await createGroup(ctx, coach, {
    programmeId: 'ikut',
    name: 'IKUT-ryhmä 2',
    startsOn: addDays(monday, -3 * 7),
    place: 'Helsinki, Monikan koulutustila',
    teachingLanguages: ['fi', 'en'],
    capacity: 6,
    coachIds: [],
    partnerIds: ['riku', 'monika'],
    requirements,
  });
  // Invented participants: the finished group with its goals at the end, the running one under way.
  await installDemoParticipants(
    ctx,
    coach,
    finished.id,
    ['Leila Ahmadi', 'Marta Kowalczyk', 'Nadia Haddad', 'Olena Bondar', 'Priya Raman'],
    true,
  );
  await installDemoParticipants(ctx, coach, running.id, ['Rasa Petraitė', 'Sara Mekonnen', 'Tuyet Nguyen', 'Ulla Virtanen'], false);
}
