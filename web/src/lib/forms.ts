/**
 * What a form holds, read as the API's request types (#shared/api/…) say it is sent. A field the
 * form does not have reads as empty; the server's schema decides what is missing or wrong.
 */

/** A field exactly as typed (passwords and codes are never trimmed). */
export const formValue = (form: FormData, name: string): string => String(form.get(name) ?? '');
/** A text field, trimmed. */
export const formText = (form: FormData, name: string): string => formValue(form, name).trim();
/** A text field left empty is sent as null, as the API's optional fields take it. */
export const formTextOrNull = (form: FormData, name: string): string | null => formText(form, name) || null;
/** A choice among codes: the value is one the form offered, and the server refuses any other. */
export const formCode = <Code extends string>(form: FormData, name: string): Code => formText(form, name) as Code;
export const formCodeOrNull = <Code extends string>(form: FormData, name: string): Code | null =>
  (formText(form, name) || null) as Code | null;
