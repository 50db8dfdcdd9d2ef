import { AppError } from './errors.ts';
import { BIDI_CONTROL_CLASS } from './textRules.ts';

/**
 * Characters that let a name show something other than what it is: C0/C1 controls, line and paragraph
 * separators, the bidirectional marks (U+061C, U+200E/F), and the overrides and isolates every name
 * refuses (textRules.ts). With U+202E, `invoice\u202Efdp.txt` reads "invoicetxt.pdf" but is a text file.
 * Joiners (U+200C/D) stay allowed: Persian and Indic names need them, and they reorder nothing.
 */
const hidden = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029${BIDI_CONTROL_CLASS}]`, 'u');
const separators = /[/\\]/u;
/** Most file systems allow 255 bytes for a name; a longer one cannot be saved as it was given. */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * The one door for a file name given to Polku: composed (NFC) and trimmed, or refused. A name with hidden
 * or direction characters, a path, a leading dot or too many bytes is refused rather than silently
 * changed, so that the person uploading learns that the file's name was disguising something.
 */
export function cleanFileName(given: string): string {
  const name = given.normalize('NFC').trim();
  const refused =
    name === '' ||
    name.startsWith('.') ||
    Buffer.byteLength(name, 'utf8') > MAX_FILE_NAME_BYTES ||
    hidden.test(name) ||
    separators.test(name);
  if (refused) throw new AppError(400, 'file_name_not_allowed', { max: MAX_FILE_NAME_BYTES });
  return name;
}

/** The extension by which a cleaned name claims its type, in lower case; '' when it has none. */
export function fileExtension(cleanName: string): string {
  const dot = cleanName.lastIndexOf('.');
  return dot > 0 ? cleanName.slice(dot + 1).toLowerCase() : '';
}

/**
 * A stored name made safe to show and to send, for names kept before `cleanFileName` guarded the door:
 * what it would refuse is removed or replaced, never interpreted.
 */
export function readableFileName(stored: string): string {
  const name = stored
    .normalize('NFC')
    .replace(new RegExp(hidden, 'gu'), '')
    .replace(new RegExp(separators, 'gu'), '_')
    .trim()
    .replace(/^\.+/u, '');
  return name === '' ? 'document' : name;
}

/**
 * `Content-Disposition` for a download (RFC 6266): always an attachment, with an ASCII `filename` for old
 * clients and the real name as `filename*` in RFC 5987 form (UTF-8, every byte outside attr-char encoded;
 * encodeURIComponent leaves ' ( ) * as they are, and RFC 5987 does not allow them).
 */
export function attachmentDisposition(fileName: string): string {
  const name = readableFileName(fileName);
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
