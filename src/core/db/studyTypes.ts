import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The employment study's tables (migrations 0015–0017): no client's identity is among them. */
export interface StudiesTable {
  id: string;
  title: string;
  ethics_reference: string | null;
  /** Where the study's data is kept, and until when (data management). */
  data_location: string | null;
  retain_until: string | null;
  status: string;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StudyResearchQuestionsTable {
  id: string;
  study_id: string;
  position: number;
  text: string;
}

export interface StudyTeamTable {
  study_id: string;
  account_id: string;
  added_at: Generated<Date>;
}

export interface StudyGuidesTable {
  id: string;
  study_id: string;
  title: string;
  language: string;
  /** Raised at each saved change, so an interview can name the version it used. */
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface StudyGuideSectionsTable {
  id: string;
  guide_id: string;
  position: number;
  title: string;
}

export interface StudyGuideQuestionsTable {
  id: string;
  section_id: string;
  position: number;
  text: string;
  probes: Generated<string[]>;
}

export interface StudyGuideQuestionLinksTable {
  question_id: string;
  research_question_id: string;
}

/** A participant: a professional known to the study by a pseudonymous code. */
export interface StudyParticipantsTable {
  id: string;
  study_id: string;
  code: string;
  organisation_type: string;
  role: string | null;
  region: string | null;
  withdrawn_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A participant's name and contact details, sealed (`enc1:`), apart from the participant. */
export interface StudyParticipantIdentitiesTable {
  id: string;
  name: string | null;
  contact: string | null;
}

export interface StudyConsentsTable {
  id: string;
  participant_id: string;
  information_sheet_version: string;
  form_version: string;
  given_on: string;
  method: string;
  recording: boolean;
  quotations: boolean;
  archiving: boolean;
  reuse: boolean;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

/** What a withdrawal removed (counts by kind), when and by whom: never what the removed material said. */
export interface StudyWithdrawalsTable {
  id: string;
  participant_id: string;
  withdrawn_on: string;
  removed: ColumnType<Record<string, number>, string, string>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface StudyTables {
  study_participants: StudyParticipantsTable;
  study_participant_identities: StudyParticipantIdentitiesTable;
  study_consents: StudyConsentsTable;
  study_withdrawals: StudyWithdrawalsTable;
  studies: StudiesTable;
  study_research_questions: StudyResearchQuestionsTable;
  study_team: StudyTeamTable;
  study_guides: StudyGuidesTable;
  study_guide_sections: StudyGuideSectionsTable;
  study_guide_questions: StudyGuideQuestionsTable;
  study_guide_question_links: StudyGuideQuestionLinksTable;
}
