import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../core/errors.ts';

/** A parsed element: attributes by name, child elements by name (always lists), and its text. */
export interface Node {
  attributes: Record<string, string>;
  children: Record<string, Node[]>;
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  preserveOrder: true,
  processEntities: true,
  htmlEntities: true,
});

type Ordered = Array<Record<string, unknown>>;

function toNode(entry: Record<string, unknown>, name: string): Node {
  const node: Node = { attributes: {}, children: {}, text: '' };
  for (const [key, value] of Object.entries((entry[':@'] as Record<string, string>) ?? {})) node.attributes[key] = String(value);
  for (const child of (entry[name] as Ordered) ?? []) {
    const childName = Object.keys(child).find((key) => key !== ':@')!;
    if (childName === '#text') node.text += String(child['#text']);
    else (node.children[childName] ??= []).push(toNode(child, childName));
  }
  return node;
}

/** The root element of an XML document with the expected name (namespace prefixes dropped), or null. */
export function parseXml(xml: string, rootName: string): Node | null {
  if (XMLValidator.validate(xml) !== true) return null;
  const document = parser.parse(xml) as Ordered;
  const root = document.find((entry) => Object.keys(entry).some((key) => key === rootName));
  return root ? toNode(root, rootName) : null;
}

export const childrenOf = (node: Node | undefined, ...path: string[]): Node[] => {
  let nodes = node ? [node] : [];
  for (const name of path) nodes = nodes.flatMap((item) => item.children[name] ?? []);
  return nodes;
};
export const textOf = (node: Node | undefined, name: string): string | null => {
  const child = node?.children[name]?.[0];
  return child ? child.text : null;
};

/** At most this much unpacked from an archive: the declared sizes are checked, and the inflater never writes past them. */
const MAX_UNPACKED = 200 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** The files of a QDPX (a ZIP), by their names in lower case. */
export function unpackQdpx(bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        total += file.originalSize;
        if (entries > MAX_ENTRIES || total > MAX_UNPACKED)
          throw new AppError(400, 'file_unpacks_too_large', { max: MAX_UNPACKED / 1024 / 1024 });
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, 'study_import_not_qdpx');
  }
  return new Map(Object.entries(files).map(([name, content]) => [name.replace(/\\/g, '/').toLowerCase(), content]));
}

/** GUIDs compared as the standard writes them: with or without braces, in either case. */
export const guidKey = (guid: string | undefined) => (guid ?? '').replace(/[{}]/g, '').toLowerCase();
