/** A chosen file as the API takes it: its name and its bytes in base64, read in the browser's memory only. */
export async function fileBody(file: File): Promise<{ fileName: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return { fileName: file.name, contentBase64: btoa(binary) };
}

/** A code point position (as the API counts) from a UTF-16 index (as the browser counts). */
export const codePointAt = (text: string, utf16Index: number) => Array.from(text.slice(0, utf16Index)).length;

/** The text between two code point positions. */
export const sliceCodePoints = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');
