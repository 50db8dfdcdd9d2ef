/** The register's codes, defined once (`../shared/exchange-format.md`); schemas, queries, locales and the exchange format use these. */
export const genders = ['female', 'male', 'other', 'unknown'] as const;
export const referralSources = [
  'reception_centre', 'self', 'immigration_service', 'lawyer', 'victim_support', 'police', 'municipal_social_worker', 'shelter',
  'ngo', 'prison', 'parish', 'border_guard', 'child_protection', 'detention_unit', 'health_care', 'employment_office', 'other',
] as const;
export const exploitationPurposes = [
  'forced_labour', 'sexual_exploitation', 'forced_marriage', 'forced_criminality', 'benefit_fraud', 'child_soldier',
  'organ_trafficking', 'forced_begging', 'other', 'witness',
] as const;
export const exploitationPlaces = ['finland', 'abroad'] as const;
export const residenceStatuses = ['asylum_seeker', 'residence_permit', 'unlawful_stay', 'finnish_citizen', 'visa_exempt', 'eu_citizen'] as const;
export const decisionOutcomes = ['admitted', 'rejected'] as const;
export const terminationReasons = ['no_longer_needed', 'safe_return', 'not_identified', 'moved_abroad', 'contact_lost', 'deceased', 'other'] as const;
export const reflectionGrantors = ['assistance_system', 'police'] as const;
export const identificationOutcomes = ['identified', 'not_identified'] as const;

export type ReferralSource = (typeof referralSources)[number];
export type ExploitationPurpose = (typeof exploitationPurposes)[number];
export type ResidenceStatus = (typeof residenceStatuses)[number];
