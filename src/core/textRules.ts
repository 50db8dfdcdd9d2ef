/**
 * The rules every string from outside meets, defined once: the API applies them to every request
 * (server/inputText.ts) and the schema piece for names (server/schemaParts.ts) carries the second.
 */

/**
 * C0 control characters other than tab, line feed and carriage return. PostgreSQL refuses NUL in
 * text and jsonb, and the others have no place in a record a person reads (a terminal escape in a
 * name shown by `polku` on the server, a form feed in a letter).
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text display in another
 * order than it is stored: a name that reads as someone else's, a file `gpj.exe` shown as `exe.jpg`.
 * Names and file names refuse them; free text keeps them, as right-to-left writing may need them.
 */
export const BIDI_CONTROL_CLASS = '\\u202A-\\u202E\\u2066-\\u2069';
export const BIDI_CONTROL = new RegExp(`[${BIDI_CONTROL_CLASS}]`);

/** The problems, as named in `errors.field.<problem>` of the locales. */
export type TextProblem = 'control_character' | 'bidi_control';

export function textProblem(value: string): TextProblem | null {
  return CONTROL_CHARACTER.test(value) ? 'control_character' : null;
}
