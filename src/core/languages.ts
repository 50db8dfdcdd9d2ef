/** The languages Polku speaks to its staff: the server's messages and the web app's. */
export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];
