/** The path to work's codes, defined once: the server validates with them and the pages translate them. */
export const planKinds = ['client', 'integration'] as const;
/** Whose goal it is: kept apart so the person's own words are never mistaken for a plan's. */
export const goalSources = ['client', 'worker', 'municipality_plan', 'employment_office_plan'] as const;
export const goalStatuses = ['active', 'on_hold', 'achieved', 'not_achieved', 'withdrawn'] as const;

export const mentalStates = ['ready', 'not_yet'] as const;
export const literacyLevels = ['none', 'mother_tongue_only', 'other_script', 'latin_alphabet', 'functional'] as const;
export const cefrLevels = ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const languageSkills = ['listening', 'speaking', 'reading', 'writing'] as const;
export const languageSources = ['yki', 'teacher', 'course_certificate', 'self_assessment', 'other'] as const;

export const pathwayServiceKinds = [
  'mentoring',
  'leisure',
  'family_mediation',
  'further_training',
  'childcare',
  'job_search',
  'vocational_training',
  'professional_certificate',
  'job_coaching',
  'language_course',
] as const;
/** The services that are studies: the first of them begun, like the first work, ends the outcome report's wait. */
export const studyServiceKinds = ['further_training', 'vocational_training', 'professional_certificate', 'language_course'] as const;
export const pathwayServiceStatuses = ['proposed', 'referred', 'started', 'completed', 'dropped'] as const;
/** Where a service may go next: completed and dropped are where it ends. */
export const nextServiceStatuses: Record<string, readonly string[]> = {
  proposed: ['referred', 'dropped'],
  referred: ['started', 'dropped'],
  started: ['completed', 'dropped'],
  completed: [],
  dropped: [],
};

/** The areas of the progress scale made with the person, each read 1–10. */
export const progressAreas = [
  'work_skills',
  'language',
  'health_wellbeing',
  'housing',
  'money',
  'support_network',
  'rights_at_work',
  'confidence',
] as const;
/** Readings after the first are due this many months after it. */
export const progressReadingMonths = [3, 6, 12] as const;

/** How an employer takes part in the work against exploitation. */
export const employerEngagements = ['training', 'sparring', 'webinars', 'placements'] as const;
export const placementKinds = ['work_tryout', 'placement', 'apprenticeship', 'employment_with_subsidy', 'employment'] as const;
/** The fair-work check recorded with the person: every point must be met, or a warning and a task follow. */
export const fairWorkChecks = [
  'written_contract',
  'minimum_wage',
  'hours_and_overtime',
  'own_documents_and_account',
  'no_fee_or_debt',
  'employer_not_tied',
] as const;
