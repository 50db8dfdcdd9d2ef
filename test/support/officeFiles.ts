import { once } from 'node:events';
import { createDeflateRaw } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, zipSync, type ZipInputFile } from 'fflate';

export const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const contentTypes = (mainType: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${mainType}"/></Types>`;
const packageRels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';
const wordBody = (text: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

/** The smallest Word document Word opens: content types, the package relationship and the main part. */
export function minimalDocx(text = 'Residence permit decision', mainType = WORD_MAIN): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(contentTypes(mainType)),
      '_rels/.rels': strToU8(packageRels),
      'word/document.xml': strToU8(wordBody(text)),
    }),
  );
}

/** The smallest OpenDocument text: `mimetype` first and stored, the manifest, the content. */
export function minimalOdt(mimetype = 'application/vnd.oasis.opendocument.text'): Buffer {
  const manifest =
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
    `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  const content =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:body><office:text/></office:body></office:document-content>';
  return Buffer.from(
    zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'META-INF/manifest.xml': strToU8(manifest), 'content.xml': strToU8(content) }),
  );
}

/** `megabytes` MB of zeros as raw DEFLATE, made by streaming (about 1 kB per MB). */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const packed: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => packed.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflater.write(zeros)) await once(deflater, 'drain');
  deflater.end();
  await once(deflater, 'end');
  return Buffer.concat(packed);
}

/**
 * A Word document whose main part is `packed` (raw DEFLATE) claiming to unpack to `claimedSize` bytes: the sizes
 * a ZIP declares are whatever its maker writes, and a bomb's maker writes small ones.
 */
export function docxAround(packed: Buffer, claimedSize: number): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const types = new ZipDeflate('[Content_Types].xml');
  zip.add(types);
  types.push(strToU8(contentTypes(WORD_MAIN)), true);
  const main: ZipInputFile = { filename: 'word/document.xml', size: claimedSize, crc: 0, compression: 8 };
  zip.add(main);
  main.ondata!(null, new Uint8Array(packed), true);
  zip.end();
  return Buffer.concat(parts);
}
