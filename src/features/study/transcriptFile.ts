import mammoth from 'mammoth';
import { AppError } from '../../core/errors.ts';
import { cleanFileName, fileExtension } from '../../core/fileNames.ts';
import { CONTROL_CHARACTER } from '../../core/textRules.ts';
import { checkOfficeFile } from '../casework/index.ts';
import { normaliseText } from './positions.ts';
import { MAX_TRANSCRIPT_MB } from './transcriptSchema.ts';

const docx = {
  family: 'ooxml',
  mainPart: 'word/document.xml',
  mainContentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
} as const;

/**
 * The text of a transcript file: plain text that must be UTF-8, or a Word document opened with a
 * hard limit on what it unpacks to and read by mammoth. Line endings become line feeds, so positions
 * are the same whichever system wrote the file. Refuses anything else with a translated reason.
 */
export async function transcriptText(
  fileName: string,
  contentBase64: string,
): Promise<{ name: string; format: 'txt' | 'docx'; text: string }> {
  const name = cleanFileName(fileName);
  const format = fileExtension(name);
  if (format !== 'txt' && format !== 'docx') throw new AppError(400, 'study_transcript_type');
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > MAX_TRANSCRIPT_MB * 1024 * 1024) throw new AppError(400, 'file_too_large', { max: MAX_TRANSCRIPT_MB });
  let text: string;
  if (format === 'txt') {
    text = bytes.toString('utf8');
    if (bytes.includes(0) || !Buffer.from(text, 'utf8').equals(bytes)) throw new AppError(400, 'study_transcript_not_utf8');
  } else {
    if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw new AppError(400, 'file_content_mismatch');
    checkOfficeFile(bytes, docx);
    try {
      text = (await mammoth.extractRawText({ buffer: bytes })).value;
    } catch {
      throw new AppError(400, 'file_content_mismatch');
    }
  }
  // Control characters other than line breaks and tabs would be refused in any request: they are dropped here.
  text = normaliseText(text).replace(new RegExp(CONTROL_CHARACTER.source, 'gu'), '').trim();
  if (text === '') throw new AppError(400, 'import_empty');
  return { name: name.replace(/\.(txt|docx)$/i, ''), format, text };
}
