import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CalendarDate = ColumnType<string, string, string>;

/**
 * The competence centre's tables (migration 0027): consultations and training events. None names
 * the person a consultation is about; question, contact and answer are sealed.
 */
export interface ConsultationsTable {
  id: string;
  held_on: CalendarDate;
  channel: string;
  actor_type: string;
  organisation: string | null;
  region: string | null;
  topic: string | null;
  outcome: string | null;
  duration_minutes: number | null;
  /** The guide's answers by warning sign: { sign: 'yes' | 'maybe' | 'no' }. */
  signs: ColumnType<Record<string, string> | null, string | null, string | null>;
  question: string | null;
  contact: string | null;
  answer: string | null;
  /** The language of the guide's page the consultation came from. */
  language: string | null;
  status: string;
  recorded_by: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface TrainingEventsTable {
  id: string;
  held_on: CalendarDate;
  topic: string;
  region: string;
  participants: number;
  /** Participants by actor type: { actorType: count }. */
  audience: ColumnType<Record<string, number>, string, string>;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface CompetenceTables {
  consultations: ConsultationsTable;
  training_events: TrainingEventsTable;
}
