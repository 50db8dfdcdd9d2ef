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
import { studyTranscripts } from './0020_study_transcripts.ts';
import { studyCoding } from './0021_study_coding.ts';
import { statisticsReleases } from './0029_statistics_releases.ts';
import { pathway } from './0023_pathway.ts';
import { pathwaySafeWork } from './0024_pathway_safe_work.ts';

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
  studyTranscripts,
  studyCoding,
  statisticsReleases,
  pathway,
  pathwaySafeWork,
];
