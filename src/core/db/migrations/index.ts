import { foundation } from './0001_foundation.ts';
import { register } from './0002_register.ts';
import { statisticsIndexes } from './0003_statistics.ts';
import { casePath } from './0004_case_path.ts';
import { separationOfDuties } from './0005_separation_of_duties.ts';
import { loginThrottle } from './0007_login_throttle.ts';
import { sealedNames } from './0008_sealed_names.ts';
import { reopenings } from './0010_reopenings.ts';
import { workspace } from './0011_workspace.ts';
import { coachingProgrammes } from './0012_coaching_programmes.ts';
import { coachingSchedule } from './0013_coaching_schedule.ts';
import { studies } from './0015_studies.ts';
import { studyParticipants } from './0016_study_participants.ts';
import { coachingParticipants } from './0017_coaching_participants.ts';
import { studyTranscripts } from './0020_study_transcripts.ts';
import { studyCoding } from './0021_study_coding.ts';
import { pathway } from './0023_pathway.ts';
import { pathwaySafeWork } from './0024_pathway_safe_work.ts';
import { competenceCentre } from './0027_competence_centre.ts';
import { statisticsReleases } from './0029_statistics_releases.ts';
import { auditChainedByOneWriter } from './0030_audit_chained_by_one_writer.ts';
import { sharedServerState } from './0031_shared_server_state.ts';
import { dailyDigest } from './0032_daily_digest.ts';
import { recordPages } from './0033_record_pages.ts';
import { registerImportStaging } from './0034_register_import_staging.ts';
import { shareConsent } from './0036_share_consent.ts';
import { pathwayReminders } from './0037_pathway_reminders.ts';
import { coachingLeaving } from './0039_coaching_leaving.ts';
import { registerImportIds } from './0041_register_import_ids.ts';
import { addressAttempts } from './0043_address_attempts.ts';
import { digestSends } from './0044_digest_sends.ts';
import { registerImportLinesByType } from './0045_register_import_lines_by_type.ts';

export interface Migration {
  id: string;
  statements: string[];
}

export const migrations: Migration[] = [
  foundation,
  register,
  statisticsIndexes,
  casePath,
  separationOfDuties,
  loginThrottle,
  sealedNames,
  reopenings,
  workspace,
  coachingProgrammes,
  coachingSchedule,
  studies,
  studyParticipants,
  coachingParticipants,
  studyTranscripts,
  studyCoding,
  pathway,
  pathwaySafeWork,
  competenceCentre,
  statisticsReleases,
  auditChainedByOneWriter,
  sharedServerState,
  dailyDigest,
  recordPages,
  registerImportStaging,
  shareConsent,
  pathwayReminders,
  coachingLeaving,
  registerImportIds,
  addressAttempts,
  digestSends,
  registerImportLinesByType,
];
