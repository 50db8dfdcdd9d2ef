import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { checkOfficeFile, type OfficeFormat } from './checkOfficeFile.ts';
import { minimalDocx, minimalOdt, WORD_MAIN } from '../../../test/support/officeFiles.ts';

const word: OfficeFormat = { family: 'ooxml', mainPart: 'word/document.xml', mainContentType: WORD_MAIN };
const odt: OfficeFormat = { family: 'odf', mimetype: 'application/vnd.oasis.opendocument.text' };
const refusal = (bytes: Buffer, format: OfficeFormat) => {
  try {
    checkOfficeFile(bytes, format);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};
/** Sets a 16-bit field of the first central directory entry (and, for flags, its local header too). */
const patchFirstEntry = (bytes: Buffer, offset: number, value: number) => {
  const patched = Buffer.from(bytes);
  const directory = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  patched.writeUInt16LE(value, directory + offset);
  if (offset === 8) patched.writeUInt16LE(value, 6);
  return patched;
};

describe('an office file', () => {
  it('is accepted when it is a real Word document or OpenDocument text', () => {
    expect(refusal(minimalDocx(), word)).toBe('accepted');
    expect(refusal(minimalOdt(), odt)).toBe('accepted');
  });

  it('is refused when OpenDocument names another type, or Word is the wrong kind of document', () => {
    expect(refusal(minimalOdt('application/vnd.oasis.opendocument.spreadsheet'), odt)).toBe('file_content_mismatch');
    expect(refusal(minimalDocx('x', 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml'), word)).toBe(
      'file_content_mismatch',
    );
    expect(refusal(minimalDocx(), odt)).toBe('file_content_mismatch');
  });

  it('is refused when an entry is encrypted, packed by an unknown method, or its directory is cut short', () => {
    const docx = minimalDocx();
    expect(refusal(patchFirstEntry(docx, 8, 0x0001), word)).toBe('file_content_mismatch');
    expect(refusal(patchFirstEntry(docx, 10, 12), word)).toBe('file_content_mismatch');
    expect(refusal(docx.subarray(0, docx.length - 30), word)).toBe('file_content_mismatch');
  });

  it('is refused when an entry name climbs out of the package or repeats another', () => {
    const parts = (extra: string) =>
      zipSync({
        [extra]: strToU8('x'),
        '[Content_Types].xml': strToU8(`<Types><Override PartName="/word/document.xml" ContentType="${WORD_MAIN}"/></Types>`),
        'word/document.xml': strToU8('<w:document/>'),
      });
    expect(refusal(Buffer.from(parts('ok/part.xml')), word)).toBe('accepted');
    expect(refusal(Buffer.from(parts('../evil.xml')), word)).toBe('file_content_mismatch');
    expect(refusal(Buffer.from(parts('WORD/Document.xml')), word)).toBe('file_content_mismatch');
  });
});
