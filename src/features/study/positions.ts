/**
 * Positions in a transcript are counted in Unicode code points, as REFI-QDA counts them (the first
 * code point is 0), never in JavaScript's UTF-16 units: an emoji is one position, not two. A selection
 * runs from its start up to, not including, its end.
 */
export const codePointLength = (text: string) => Array.from(text).length;

/** The UTF-16 index of each code point position, with one more entry for the end of the text. */
export function utf16Offsets(text: string): number[] {
  const offsets: number[] = [];
  let index = 0;
  for (const character of text) {
    offsets.push(index);
    index += character.length;
  }
  offsets.push(index);
  return offsets;
}

/** The text between two code point positions. */
export function sliceByCodePoints(text: string, start: number, end: number, offsets = utf16Offsets(text)): string {
  return text.slice(offsets[start], offsets[end]);
}

/** The code point position of a UTF-16 index. */
export function codePointAt(text: string, utf16Index: number): number {
  return codePointLength(text.slice(0, utf16Index));
}

/** Plain text as transcripts keep it: Windows and old Mac line endings become one line feed, no byte order mark. */
export const normaliseText = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
