import type { AppContext } from '../../core/context.ts';
import { addMonths, helsinkiDate } from '../../core/dates.ts';
import type { Who } from '../../core/record/access.ts';
import { recordCheckpoint } from './checkpoints.ts';
import { createPlan, revisePlan } from './plans.ts';
import { recordProgress } from './progress.ts';
import { addDirectoryEntry, proposeService, stepService } from './services.ts';

/** The seed's examples of partner services: Monika-Naiset, the employment office, a vocational school, municipal family mediation. */
export const demoDirectory = [
  {
    organisationId: 'monika',
    service: 'mentoring',
    name: 'Mentorointi maahanmuuttajanaisille',
    region: 'Helsinki, Vantaa',
    languages: ['fi', 'en', 'ar', 'so'],
    howToRefer: 'Soita hankkeen koordinaattorille; nainen voi tulla myös itse.',
  },
  {
    organisationId: 'monika',
    service: 'job_search',
    name: 'Työnhaun tuki ja yritysyhteistyö',
    region: 'Helsinki, Vantaa',
    languages: ['fi', 'en'],
    howToRefer: 'Lähetä yhteydenottopyyntö hankkeen sähköpostiin henkilön suostumuksella.',
  },
  {
    organisationId: 'te-uusimaa',
    service: 'job_search',
    name: 'Työnhakijaksi ilmoittautuminen ja kotoutumiskoulutus',
    region: 'Uusimaa',
    languages: ['fi', 'sv', 'en'],
    howToRefer: 'Henkilö ilmoittautuu työnhakijaksi verkossa; asiantuntija varaa alkukartoituksen.',
  },
  {
    organisationId: 'te-uusimaa',
    service: 'vocational_training',
    name: 'Ammatillinen koulutus ja ammattitutkinnot (oppilaitosten kautta)',
    region: 'Uusimaa',
    languages: ['fi', 'sv'],
    howToRefer: 'TE-toimiston asiantuntija ohjaa ammatilliseen oppilaitokseen; hakeminen jatkuvan haun kautta.',
  },
  {
    organisationId: 'helsinki-social',
    service: 'family_mediation',
    name: 'Perhesovittelu',
    region: 'Helsinki',
    languages: ['fi', 'sv', 'en'],
    howToRefer: 'Sosiaaliohjaaja varaa ajan; tulkki järjestetään tarvittaessa.',
  },
] as const;

/**
 * Invented clients at different points of the path: Amina has a client plan revised once, checkpoints
 * and a mentoring referral under way, and progress read twice; Minh has only his first checkpoint.
 */
export async function installPathwayDemo(
  ctx: AppContext,
  staff: { caseworker: Who; director: Who },
  clients: { amina: string; minh: string },
) {
  const entries = [];
  for (const entry of demoDirectory)
    entries.push(await addDirectoryEntry(ctx, staff.caseworker, { ...entry, languages: [...entry.languages] }));
  const today = helsinkiDate();
  const monthsAgo = (months: number) => addMonths(today, -months);
  const { caseworker, director } = staff;
  const plan = await createPlan(
    ctx,
    caseworker,
    clients.amina,
    {
      kind: 'client',
      drawnBy: 'Helsingin kaupunki, sosiaalityö',
      drawnWith: 'Amina, tulkki ja auttamisjärjestelmän sosiaaliohjaaja',
      drawnOn: monthsAgo(5),
      nextReviewOn: addMonths(today, 1),
      goals: [
        { text: 'Haluan tehdä työtä keittiössä ja saada oman kodin.', source: 'client', status: 'active', setOn: monthsAgo(5) },
        { text: 'Suomen kielen kurssi', source: 'worker', status: 'on_hold', holdReason: 'Ensin terapia', setOn: monthsAgo(5) },
      ],
      partners: [{ organisationId: 'helsinki-social', consentOn: monthsAgo(5) }],
    },
    'fi',
  );
  // Recorded by the director, who reads and writes health data on every record, from the psychiatric nurse's assessment.
  await recordCheckpoint(ctx, director, clients.amina, {
    kind: 'mental_state',
    assessedOn: monthsAgo(4),
    assessor: 'Psykiatrinen sairaanhoitaja, HUS',
    level: 'ready',
    clinicalNote: 'Terapiakäynnit jatkuvat; uni parantunut.',
  });
  await recordCheckpoint(ctx, caseworker, clients.amina, {
    kind: 'literacy',
    assessedOn: monthsAgo(4),
    assessor: 'Sosiaaliohjaaja',
    level: 'latin_alphabet',
  });
  await recordCheckpoint(ctx, caseworker, clients.amina, {
    kind: 'language',
    assessedOn: monthsAgo(2),
    assessor: 'Suomen kielen opettaja, Helsingin työväenopisto',
    level: 'A2',
    language: 'fi',
    skills: { listening: 'A2', speaking: 'A2', reading: 'A1', writing: 'A1' },
    source: 'teacher',
  });
  await revisePlan(
    ctx,
    caseworker,
    clients.amina,
    plan.id,
    {
      drawnBy: 'Helsingin kaupunki, sosiaalityö',
      drawnWith: 'Amina, tulkki ja auttamisjärjestelmän sosiaaliohjaaja',
      drawnOn: monthsAgo(5),
      nextReviewOn: addMonths(today, 1),
      goals: [
        { text: 'Haluan tehdä työtä keittiössä ja saada oman kodin.', source: 'client', status: 'active', setOn: monthsAgo(5) },
        { text: 'Suomen kielen kurssi', source: 'worker', status: 'active', setOn: monthsAgo(5), statusOn: monthsAgo(3) },
      ],
      partners: [{ organisationId: 'helsinki-social', consentOn: monthsAgo(5) }],
    },
    'fi',
  );
  const mentoring = await proposeService(ctx, caseworker, clients.amina, { directoryId: entries[0].id, proposedOn: monthsAgo(3) });
  await stepService(ctx, caseworker, clients.amina, mentoring.id, {
    status: 'referred',
    on: monthsAgo(3),
    consentOn: monthsAgo(3),
    sharedWithProvider: 'Nimi ja puhelinnumero; toive keittiötyöstä',
  });
  await recordProgress(ctx, caseworker, clients.amina, { readOn: monthsAgo(5), scores: firstScores }, 'fi');
  await recordProgress(ctx, caseworker, clients.amina, { readOn: monthsAgo(2), scores: laterScores }, 'fi');
  await recordCheckpoint(ctx, caseworker, clients.minh, {
    kind: 'literacy',
    assessedOn: monthsAgo(1),
    assessor: 'Sosiaaliohjaaja',
    level: 'other_script',
  });
}

const firstScores = {
  work_skills: 2,
  language: 1,
  health_wellbeing: 2,
  housing: 3,
  money: 2,
  support_network: 1,
  rights_at_work: 2,
  confidence: 2,
};
const laterScores = {
  work_skills: 4,
  language: 3,
  health_wellbeing: 5,
  housing: 4,
  money: 3,
  support_network: 4,
  rights_at_work: 5,
  confidence: 4,
};
