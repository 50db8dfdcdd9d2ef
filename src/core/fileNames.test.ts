import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName, fileExtension, readableFileName } from './fileNames.ts';

const refused = (name: string) => {
  try {
    cleanFileName(name);
    return false;
  } catch (error) {
    return (error as { code: string }).code === 'file_name_not_allowed';
  }
};

describe('a file name', () => {
  it('is composed and trimmed, and keeps what real names in many scripts need', () => {
    expect(cleanFileName(' Pa\u0308a\u0308to\u0308s.pdf ')).toBe('Päätös.pdf');
    expect(cleanFileName('نامه\u200Cها.txt')).toBe('نامه\u200Cها.txt');
    expect(fileExtension(cleanFileName('Scan.PDF'))).toBe('pdf');
    expect(fileExtension('noextension')).toBe('');
  });

  it('is refused when it could show another type, hide characters, name a path or be too long', () => {
    for (const name of [
      'invoice\u202Efdp.txt',
      'a\u2066b\u2069.txt',
      'a\u200Fb.txt',
      'a\u061Cb.txt',
      'line\nbreak.txt',
      'nul\u0000.pdf',
      'dir/file.pdf',
      'dir\\file.pdf',
      '.profile',
      '..',
      '   ',
      `${'ä'.repeat(128)}.pdf`,
    ]) {
      expect(refused(name), JSON.stringify(name)).toBe(true);
    }
  });

  it('stored before the rule is shown without what the rule refuses', () => {
    expect(readableFileName('invoice\u202Efdp.txt')).toBe('invoicefdp.txt');
    expect(readableFileName('../secret.txt')).toBe('_secret.txt');
    expect(readableFileName('\u202E')).toBe('document');
  });

  it('goes into Content-Disposition as an attachment with an ASCII fallback and the RFC 5987 name', () => {
    expect(attachmentDisposition("Lausunto 'uusi' (2).pdf")).toBe(
      `attachment; filename="Lausunto 'uusi' (2).pdf"; filename*=UTF-8''Lausunto%20%27uusi%27%20%282%29.pdf`,
    );
    expect(attachmentDisposition('"quoted"\\%.txt')).toBe(`attachment; filename="_quoted___.txt"; filename*=UTF-8''%22quoted%22_%25.txt`);
    expect(attachmentDisposition('invoice\u202Efdp.txt')).toBe(`attachment; filename="invoicefdp.txt"; filename*=UTF-8''invoicefdp.txt`);
  });
});
