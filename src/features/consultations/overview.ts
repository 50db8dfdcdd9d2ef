import { sql } from 'kysely';
import { actorTypes, consultationTopics } from '../../core/codes.ts';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import type { AppContext } from '../../server/context.ts';
import type { CompetenceOverview } from './schema.ts';

type Counts = { consultations: number; trainings: number; participants: number };
const zero = (): Counts => ({ consultations: 0, trainings: 0, participants: 0 });
const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
/** A consultation from the guide has its topic once answered. */
const unanswered = 'not_answered';

/**
 * The competence centre's year for the annual report: consultations and training events by month,
 * by who asked or came (actor type; for training, its audience's counts) and by topic. Counts of
 * work done, not of persons: nothing here is about a client.
 */
export async function competenceOverview(ctx: AppContext, year: number): Promise<CompetenceOverview> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const consultations = await ctx.db
    .selectFrom('consultations')
    .select(['held_on', 'actor_type', 'topic', 'status'])
    .where(sql<boolean>`held_on >= ${from}::date and held_on < ${to}::date`)
    .execute();
  const trainings = await ctx.db
    .selectFrom('training_events')
    .select(['held_on', 'topic', 'participants', 'audience'])
    .where(sql<boolean>`held_on >= ${from}::date and held_on < ${to}::date`)
    .execute();

  const byMonth = new Map(months.map((month) => [month, zero()]));
  const byActorType = new Map<string, Counts>(actorTypes.map((type) => [type, zero()]));
  const byTopic = new Map<string, Counts>([...consultationTopics, unanswered].map((topic) => [topic, zero()]));
  const monthOf = (day: string) => String(day).slice(5, 7);
  for (const row of consultations) {
    byMonth.get(monthOf(row.held_on))!.consultations += 1;
    byActorType.get(row.actor_type)!.consultations += 1;
    byTopic.get(row.topic ?? unanswered)!.consultations += 1;
  }
  for (const row of trainings) {
    const month = byMonth.get(monthOf(row.held_on))!;
    month.trainings += 1;
    month.participants += row.participants;
    const topic = byTopic.get(row.topic)!;
    topic.trainings += 1;
    topic.participants += row.participants;
    for (const [type, count] of Object.entries(row.audience)) {
      const counts = byActorType.get(type)!;
      counts.trainings += 1;
      counts.participants += count;
    }
  }
  const rows = (map: Map<string, Counts>) => [...map].map(([key, counts]) => ({ key, ...counts }));
  return {
    year,
    totals: {
      consultations: consultations.length,
      waiting: consultations.filter((row) => row.status === 'waiting').length,
      trainings: trainings.length,
      participants: trainings.reduce((sum, row) => sum + row.participants, 0),
    },
    byMonth: rows(byMonth),
    byActorType: rows(byActorType),
    byTopic: byTopic.get(unanswered)!.consultations === 0 ? rows(byTopic).filter((row) => row.key !== unanswered) : rows(byTopic),
  };
}

/**
 * The overview as rows for a CSV or XLSX file: section, section title, key, label, then the counts
 * (as statistics/download.ts lays them out, so that counts are numbers and no text is a formula).
 */
export function overviewRows(overview: CompetenceOverview, language: Language): string[][] {
  const t = (key: string) => translate(language, key);
  const rows = [
    [
      t('consultations.file.section'),
      t('consultations.file.sectionTitle'),
      t('consultations.file.key'),
      t('consultations.file.label'),
      t('consultations.overview.consultations'),
      t('consultations.overview.trainings'),
      t('consultations.overview.participants'),
    ],
  ];
  const sections = [
    ['byMonth', (key: string) => t(`consultations.months.${key}`)],
    ['byActorType', (key: string) => t(`recognition.actorTypes.${key}`)],
    ['byTopic', (key: string) => t(`consultations.topics.${key}`)],
  ] as const;
  for (const [section, label] of sections)
    for (const row of overview[section] ?? [])
      rows.push([
        section,
        t(`consultations.overview.${section}`),
        row.key ?? '',
        label(row.key ?? ''),
        String(row.consultations ?? 0),
        String(row.trainings ?? 0),
        String(row.participants ?? 0),
      ]);
  return rows;
}
