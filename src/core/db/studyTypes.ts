import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The employment study's tables (migrations 0015–0021): no client's identity is among them. */
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

/** An interview with a participant: when, how, by whom, how long, and the guide version used. */
export interface StudyInterviewsTable {
  id: string;
  study_id: string;
  participant_id: string;
  held_on: string;
  mode: string;
  interviewer_id: string | null;
  length_minutes: number | null;
  guide_id: string | null;
  guide_version: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** A transcript: pseudonymised UTF-8 text, sealed (`enc1:`); `length` in code points. */
export interface StudyTranscriptsTable {
  id: string;
  study_id: string;
  interview_id: string | null;
  participant_id: string | null;
  name: string;
  content: string;
  length: number;
  imported_from: string;
  replacements: Generated<number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The span of a transcript that answers one guide question (code points, end exclusive). */
export interface StudyTranscriptSectionsTable {
  id: string;
  transcript_id: string;
  question_id: string;
  start_position: number;
  end_position: number;
}

/** A name the study replaces by a code in its transcripts: the name sealed, the code readable. */
export interface StudyPseudonymsTable {
  id: string;
  study_id: string;
  kind: string;
  term: string;
  replacement: string;
  created_at: Generated<Date>;
}

export interface StudyCodesTable {
  id: string;
  study_id: string;
  parent_id: string | null;
  position: number;
  name: string;
  description: string | null;
  color: string;
  /** A top-level theme may answer one research question. */
  research_question_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Who coded: a team member, or a user named in a project imported from another tool. */
export interface StudyCodersTable {
  id: string;
  study_id: string;
  account_id: string | null;
  name: string;
}

/** A coder's selection of a transcript (code points, end exclusive), coded with one or more codes. */
export interface StudySegmentsTable {
  id: string;
  transcript_id: string;
  coder_id: string;
  start_position: number;
  end_position: number;
  quotation: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StudySegmentCodesTable {
  segment_id: string;
  code_id: string;
}

/** A memo on exactly one code, segment or transcript; its body sealed (`enc1:`). */
export interface StudyMemosTable {
  id: string;
  study_id: string;
  code_id: string | null;
  segment_id: string | null;
  transcript_id: string | null;
  body: string;
  written_by: string | null;
  updated_at: Timestamp;
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
  study_interviews: StudyInterviewsTable;
  study_transcripts: StudyTranscriptsTable;
  study_transcript_sections: StudyTranscriptSectionsTable;
  study_pseudonyms: StudyPseudonymsTable;
  study_codes: StudyCodesTable;
  study_coders: StudyCodersTable;
  study_segments: StudySegmentsTable;
  study_segment_codes: StudySegmentCodesTable;
  study_memos: StudyMemosTable;
}
