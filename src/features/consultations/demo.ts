import { addDays, helsinkiDate } from '../../core/dates.ts';
import type { Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';
import { recordConsultation } from './consultations.ts';
import { receiveGuideConsultation } from './guide.ts';
import { recordTraining } from './training.ts';

/**
 * Invented work of the competence centre for a demo installation: consultations of the last weeks,
 * two anonymous ones from the recognition guide waiting for an answer, and training events.
 */
export async function installDemoCompetenceCentre(ctx: AppContext, who: Who) {
  const today = helsinkiDate();
  const day = (daysAgo: number) => addDays(today, -daysAgo);
  const consultations = [
    {
      heldOn: day(2),
      channel: 'info_line',
      actorType: 'police',
      region: 'uusimaa',
      topic: 'labour_exploitation',
      outcome: 'advice',
      durationMinutes: 20,
    },
    {
      heldOn: day(6),
      channel: 'email',
      actorType: 'reception_centre',
      organisation: 'Joutsenon vastaanottokeskus',
      region: 'etela_karjala',
      topic: 'identification',
      outcome: 'referral_made',
      durationMinutes: 45,
    },
    {
      heldOn: day(12),
      channel: 'chat',
      actorType: 'private_person',
      topic: 'sexual_exploitation',
      outcome: 'forwarded_elsewhere',
      durationMinutes: 15,
    },
    {
      heldOn: day(20),
      channel: 'meeting',
      actorType: 'child_protection',
      organisation: 'Helsingin kaupunki, lastensuojelu',
      region: 'uusimaa',
      topic: 'children',
      outcome: 'advice',
      durationMinutes: 60,
    },
    {
      heldOn: day(33),
      channel: 'info_line',
      actorType: 'health_care',
      region: 'pirkanmaa',
      topic: 'services',
      outcome: 'advice',
      durationMinutes: 10,
    },
  ] as const;
  for (const consultation of consultations) await recordConsultation(ctx, who, consultation);
  await receiveGuideConsultation(ctx, {
    actorType: 'social_services',
    organisation: 'Pirkanmaan hyvinvointialue',
    region: 'pirkanmaa',
    signs: { always_escorted: 'yes', documents_or_money_controlled: 'maybe', nervousness: 'maybe' },
    question: 'Asiakas tulee aina saman henkilön kanssa, joka myös vastaa kysymyksiin. Miten voin edetä?',
    contact: 'Soita arkisin 9–15, 040 000 0000 (keksitty)',
    language: 'fi',
  });
  await receiveGuideConsultation(ctx, {
    actorType: 'employment_office',
    region: 'varsinais_suomi',
    signs: { unclear_debts_or_money: 'maybe', repeated_moves: 'maybe', unaware_of_own_situation: 'no' },
    question: 'Asiakkaalla on epäselviä velkoja työnantajalle ja hän on muuttanut monta kertaa. Pitäisikö olla yhteydessä teihin?',
    contact: 'tyovoima.demo@example.fi',
    language: 'fi',
  });
  await recordTraining(ctx, who, {
    heldOn: day(9),
    topic: 'identification',
    region: 'uusimaa',
    participants: 42,
    audience: { social_services: 25, health_care: 12 },
  });
  await recordTraining(ctx, who, {
    heldOn: day(40),
    topic: 'labour_exploitation',
    region: 'pohjois_pohjanmaa',
    participants: 18,
    audience: { police: 6, employment_office: 10 },
  });
}
