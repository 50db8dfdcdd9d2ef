/** The register's codes, defined once (`../shared/exchange-format.md`); schemas, queries, locales and the exchange format use these. */
export const genders = ['female', 'male', 'other', 'unknown'] as const;
export const referralSources = [
  'reception_centre',
  'self',
  'immigration_service',
  'lawyer',
  'victim_support',
  'police',
  'municipal_social_worker',
  'shelter',
  'ngo',
  'prison',
  'parish',
  'border_guard',
  'child_protection',
  'detention_unit',
  'health_care',
  'employment_office',
  'other',
] as const;
export const exploitationPurposes = [
  'forced_labour',
  'sexual_exploitation',
  'forced_marriage',
  'forced_criminality',
  'benefit_fraud',
  'child_soldier',
  'organ_trafficking',
  'forced_begging',
  'other',
  'witness',
] as const;
export const exploitationPlaces = ['finland', 'abroad'] as const;
/** Exploitation is in Finland or abroad; only a witness has no place (exchange format v1). */
export const placeMissing = (entry: { purpose: string; place?: string | null }) => entry.purpose !== 'witness' && !entry.place;
export const residenceStatuses = [
  'asylum_seeker',
  'residence_permit',
  'unlawful_stay',
  'finnish_citizen',
  'visa_exempt',
  'eu_citizen',
] as const;
export const decisionOutcomes = ['admitted', 'rejected'] as const;
export const terminationReasons = [
  'no_longer_needed',
  'safe_return',
  'not_identified',
  'moved_abroad',
  'contact_lost',
  'deceased',
  'other',
] as const;
export const reflectionGrantors = ['assistance_system', 'police'] as const;
/** Aliens Act 52 d §: a reflection period is at most six months. */
export const maxReflectionMonths = 6;
export const identificationOutcomes = ['identified', 'not_identified'] as const;

export type ReferralSource = (typeof referralSources)[number];
export type ExploitationPurpose = (typeof exploitationPurposes)[number];
export type ResidenceStatus = (typeof residenceStatuses)[number];

/** The nine statutory services of the assistance system (law 746/2011). */
export const statutoryServices = [
  'advice',
  'accommodation',
  'allowance',
  'social_services',
  'health_services',
  'interpretation',
  'legal_aid',
  'guardian_tracing',
  'safe_return',
] as const;
/** Sector of work by ISIC Rev. 4 section, as in the Human Trafficking Case Data Standard. */
export const isicSections = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const;
/** Means of control, after the Human Trafficking Case Data Standard. */
export const meansOfControl = [
  'debt_bondage',
  'takes_earnings',
  'withholds_documents',
  'threats_to_family',
  'threats_of_harm',
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'false_promises',
  'restricts_movement',
  'psychoactive_substances',
  'threat_of_authorities',
  'withholds_necessities',
  'other',
] as const;
export const recruitmentMethods = [
  'job_offer',
  'recruitment_agency',
  'intimate_partner',
  'family_member',
  'friend_or_acquaintance',
  'online',
  'abduction',
  'other',
  'unknown',
] as const;
export const consentGivers = ['person', 'guardian', 'representative'] as const;
export const consentMethods = ['in_writing', 'orally', 'online_form'] as const;
export const noteSensitivities = ['normal', 'sensitive', 'restricted'] as const;
/** The multi-professional expert group heard before official identification. */
export const expertAuthorities = [
  'social_services',
  'child_protection',
  'health_care',
  'police',
  'national_bureau_of_investigation',
  'border_guard',
  'immigration_service',
  'reception_centre',
] as const;
export const replyChannels = ['phone', 'sms', 'email', 'whatsapp', 'signal', 'through_someone', 'no_contact'] as const;

export type StatutoryService = (typeof statutoryServices)[number];
export type NoteSensitivity = (typeof noteSensitivities)[number];

/** Work-life coaching: how well a person speaks a language, in plain words, from none to fluent. */
export const languageLevels = ['none', 'basic', 'moderate', 'good', 'fluent'] as const;
/** Scripts a person reads and writes (a group may require literacy in the Latin alphabet). */
export const scripts = ['latin', 'cyrillic', 'arabic', 'other'] as const;
/** Languages a coaching group is taught in, offered first (any ISO 639 code is accepted). */
export const teachingLanguages = ['fi', 'sv', 'en', 'ru', 'uk', 'ar', 'so', 'fa', 'ti', 'vi', 'th', 'es', 'fr'] as const;
export type LanguageLevel = (typeof languageLevels)[number];
/** Why a participant left a coaching group: a short list, and a note in the coach's words when it helps. */
export const leaveReasons = ['work', 'studies', 'health', 'moved', 'other'] as const;

/**
 * The competence centre (consultations and training): who asks the assistance system for advice or
 * comes to its training, by the kind of actor, never by person.
 */
export const actorTypes = [
  'social_services',
  'child_protection',
  'health_care',
  'police',
  'border_guard',
  'immigration_service',
  'reception_centre',
  'employment_office',
  'education',
  'ngo',
  'lawyer',
  'employer',
  'other_authority',
  'private_person',
  'other',
] as const;
/** How a consultation came: `guide` is an anonymous consultation sent from the public recognition guide. */
export const consultationChannels = ['info_line', 'email', 'chat', 'meeting', 'guide'] as const;
export const consultationTopics = [
  'identification',
  'services',
  'residence',
  'labour_exploitation',
  'sexual_exploitation',
  'children',
  'other',
] as const;
/** What followed a consultation. */
export const consultationOutcomes = ['advice', 'referral_made', 'forwarded_elsewhere'] as const;
/** Finland's regions (maakunnat) and Åland, where the one consulting or trained works. */
export const regions = [
  'uusimaa',
  'varsinais_suomi',
  'satakunta',
  'kanta_hame',
  'pirkanmaa',
  'paijat_hame',
  'kymenlaakso',
  'etela_karjala',
  'etela_savo',
  'pohjois_savo',
  'pohjois_karjala',
  'keski_suomi',
  'etela_pohjanmaa',
  'pohjanmaa',
  'keski_pohjanmaa',
  'pohjois_pohjanmaa',
  'kainuu',
  'lappi',
  'ahvenanmaa',
  'whole_country',
] as const;
export type ActorType = (typeof actorTypes)[number];
export type Region = (typeof regions)[number];
