/** The kinds of organisation the study's professionals work in. */
export const organisationTypes = ['ngo', 'municipality', 'employment_office', 'reception_centre', 'police', 'other'] as const;
/** How consent was given. */
export const consentMethods = ['written', 'electronic', 'oral_recorded'] as const;
