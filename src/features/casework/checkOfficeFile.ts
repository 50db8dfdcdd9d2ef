import { Inflate } from 'fflate';
import { AppError } from '../../core/errors.ts';

/** What an office file's ZIP must hold to be the type its name claims. */
export type OfficeFormat = { family: 'ooxml'; mainPart: string; mainContentType: string } | { family: 'odf'; mimetype: string };

/** All entries together may unpack to this much; a real document under 5 MB is far below it. */
export const MAX_UNPACKED_MB = 50;
/** Past its first megabyte an entry may unpack to at most this many times its packed size (XML packs ~10–30×). */
const MAX_RATIO = 100;
const RATIO_FREE_BYTES = 1024 * 1024;
const MAX_ENTRIES = 5000;
/** Packed bytes given to the inflater at a time: DEFLATE expands at most ~1032×, so one step yields at most ~4 MB. */
const STEP = 4096;
/** The parts read for their content are small in any real file. */
const MAX_READ_PART = 1024 * 1024;

/** General-purpose flags we can vouch for: deflate options (bits 1–2), data descriptor (3), UTF-8 names (11). */
const KNOWN_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800;
const STORED = 0;
const DEFLATED = 8;

type Entry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packedSize: number;
  size: number;
  headerAt: number;
  dataAt: number;
};

const notOffice = () => new AppError(400, 'file_content_mismatch');
const tooLarge = () => new AppError(400, 'file_unpacks_too_large', { max: MAX_UNPACKED_MB });

/**
 * Checks that `bytes` is an office document of `format` and nothing else: the ZIP's central directory parses and
 * agrees with every local header, entries neither overlap nor leave bytes unaccounted for, nothing is encrypted
 * or packed by a method we do not know, the expected parts are there, and every entry is really inflated with a
 * hard limit (the sizes a ZIP declares are only claims: a bomb declares whatever it likes). Throws the refusal.
 */
export function checkOfficeFile(bytes: Buffer, format: OfficeFormat): void {
  const entries = readCentralDirectory(bytes);
  const byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
  const mainPart = format.family === 'ooxml' ? format.mainPart : 'content.xml';
  const read = format.family === 'ooxml' ? ['[Content_Types].xml'] : ['mimetype', 'META-INF/manifest.xml'];
  if (![mainPart, ...read].every((name) => byName.has(name.toLowerCase()))) throw notOffice();

  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > MAX_UNPACKED_MB * 1024 * 1024) throw tooLarge();
  const contents = new Map<string, Buffer>();
  let budget = MAX_UNPACKED_MB * 1024 * 1024;
  for (const entry of entries) {
    const keep = read.some((name) => name.toLowerCase() === entry.name.toLowerCase())
      ? MAX_READ_PART
      : entry.name.toLowerCase() === mainPart.toLowerCase()
        ? 64
        : 0;
    const { size, kept } = unpack(bytes, entry, budget, keep);
    budget -= size;
    if (keep) contents.set(entry.name.toLowerCase(), kept);
  }

  // The main part is XML, not the random bytes of an encrypted or substituted part.
  if (!/^(\uFEFF)?\s*</u.test(contents.get(mainPart.toLowerCase())!.toString('utf8'))) throw notOffice();
  if (format.family === 'ooxml') {
    // The declared type of the main part tells a document from a macro-enabled one or a template.
    const types = contents.get('[content_types].xml')!.toString('utf8');
    const main = [...types.matchAll(/<Override\b[^>]*>/gu)]
      .map((match) => match[0])
      .find((override) => attribute(override, 'PartName')?.toLowerCase() === `/${format.mainPart.toLowerCase()}`);
    if (!main || attribute(main, 'ContentType') !== format.mainContentType) throw notOffice();
  } else {
    // ODF: `mimetype` comes first, stored, and names the type; a password-protected file lists its encryption.
    const first = entries.reduce((a, b) => (a.headerAt < b.headerAt ? a : b));
    if (first.name !== 'mimetype' || first.method !== STORED || contents.get('mimetype')!.toString('latin1') !== format.mimetype)
      throw notOffice();
    if (contents.get('meta-inf/manifest.xml')!.toString('utf8').includes('encryption-data')) throw notOffice();
  }
}

const attribute = (element: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'u')
    .exec(element)
    ?.slice(2)
    .find((value) => value !== undefined);

function readCentralDirectory(bytes: Buffer): Entry[] {
  // The end record is in the last 22 + 65,535 bytes; its comment must reach exactly to the end of the file.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50 && at + 22 + bytes.readUInt16LE(at + 20) === bytes.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notOffice();
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryAt = bytes.readUInt32LE(end + 16);
  // One disk, no ZIP64 (no document under 5 MB needs it), the directory right before the end record.
  const zip64 = end >= 20 && bytes.readUInt32LE(end - 20) === 0x07064b50;
  if (
    zip64 ||
    bytes.readUInt16LE(end + 4) !== 0 ||
    bytes.readUInt16LE(end + 6) !== 0 ||
    bytes.readUInt16LE(end + 8) !== count ||
    count === 0 ||
    count > MAX_ENTRIES ||
    directoryAt + directorySize !== end
  )
    throw notOffice();

  const entries: Entry[] = [];
  const seen = new Set<string>();
  let at = directoryAt;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw notOffice();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const packedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const headerAt = bytes.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > end || bytes.readUInt16LE(at + 34) !== 0) throw notOffice();
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = entryName(rawName, flags);
    if ((flags & ~KNOWN_FLAGS) !== 0 || (method !== STORED && method !== DEFLATED) || (method === STORED && packedSize !== size))
      throw notOffice();
    if (seen.has(name.toLowerCase())) throw notOffice();
    seen.add(name.toLowerCase());

    // The local header must say the same: a reader that trusts it must not find a different file.
    if (
      headerAt + 30 > directoryAt ||
      bytes.readUInt32LE(headerAt) !== 0x04034b50 ||
      bytes.readUInt16LE(headerAt + 6) !== flags ||
      bytes.readUInt16LE(headerAt + 8) !== method ||
      !bytes.subarray(headerAt + 30, headerAt + 30 + bytes.readUInt16LE(headerAt + 26)).equals(rawName)
    )
      throw notOffice();
    const dataAt = headerAt + 30 + nameLength + bytes.readUInt16LE(headerAt + 28);
    if (dataAt + packedSize > directoryAt) throw notOffice();
    entries.push({ name, flags, method, crc: bytes.readUInt32LE(at + 16), packedSize, size, headerAt, dataAt });
    at = next;
  }
  if (at !== end) throw notOffice();

  // Entries follow each other from the first byte to the directory: no overlap (the trick of the densest bombs)
  // and no bytes that belong to no entry, apart from a data descriptor after an entry that announces one.
  entries.sort((a, b) => a.headerAt - b.headerAt);
  let expected = 0;
  for (const entry of entries) {
    if (entry.headerAt !== expected) throw notOffice();
    expected = entry.dataAt + entry.packedSize;
    if (entry.flags & 0x0008) expected = descriptorEnd(bytes, entry, expected, directoryAt);
  }
  if (expected !== directoryAt) throw notOffice();
  return entries;
}

function entryName(raw: Buffer, flags: number): string {
  let name: string;
  try {
    name = flags & 0x0800 ? new TextDecoder('utf-8', { fatal: true }).decode(raw) : raw.toString('latin1');
  } catch {
    throw notOffice();
  }
  // A part name is a relative path of plain segments: nothing that could climb out or hide.
  const segments = name.replace(/\/$/u, '').split('/');
  if (
    name === '' ||
    /[\u0000-\u001f\u007f\\:]/u.test(name) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  )
    throw notOffice();
  return name;
}

/** A data descriptor: CRC and sizes, with or without its signature, matching the directory. */
function descriptorEnd(bytes: Buffer, entry: Entry, at: number, limit: number): number {
  const signed = at + 4 <= limit && bytes.readUInt32LE(at) === 0x08074b50 ? 4 : 0;
  const start = at + signed;
  if (
    start + 12 > limit ||
    bytes.readUInt32LE(start) !== entry.crc ||
    bytes.readUInt32LE(start + 4) !== entry.packedSize ||
    bytes.readUInt32LE(start + 8) !== entry.size
  )
    throw notOffice();
  return start + 12;
}

/**
 * Inflates one entry a few kilobytes at a time, counting what comes out and stopping as soon as it passes the
 * entry's limit; only `keep` bytes of the output are kept, the rest only counted and checksummed.
 */
function unpack(bytes: Buffer, entry: Entry, budget: number, keep: number): { size: number; kept: Buffer } {
  const limit = Math.min(budget, Math.max(RATIO_FREE_BYTES, entry.packedSize * MAX_RATIO));
  if (entry.size > limit) throw tooLarge();
  let size = 0;
  let crc = 0;
  const kept: Buffer[] = [];
  const take = (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    crc = crc32(crc, chunk);
    const room = keep - (size - chunk.length);
    if (room > 0) kept.push(Buffer.from(chunk.subarray(0, room)));
  };
  const data = bytes.subarray(entry.dataAt, entry.dataAt + entry.packedSize);
  if (entry.method === STORED) {
    take(data);
  } else {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      let at = 0;
      do {
        inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
        at += STEP;
      } while (at < data.length);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw notOffice();
    }
  }
  // A part read for its content must fit whole; the main part's first bytes are enough.
  if (keep === MAX_READ_PART && size > keep) throw notOffice();
  if (size !== entry.size || crc !== entry.crc) throw notOffice();
  return { size, kept: Buffer.concat(kept) };
}

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(previous: number, data: Uint8Array): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
