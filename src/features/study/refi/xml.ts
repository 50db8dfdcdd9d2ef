import { createHash } from 'node:crypto';

/** An element of the XML Polku writes: attributes (undefined ones left out) and children or text. */
export type Element = {
  name: string;
  attributes?: Record<string, string | number | boolean | null | undefined>;
  children?: Array<Element | null>;
  text?: string;
};

const escape = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!).replace(/\r/g, '&#13;');

export const el = (name: string, attributes: Element['attributes'] = {}, children: Array<Element | null> = []): Element => ({
  name,
  attributes,
  children,
});
export const textEl = (name: string, text: string): Element => ({ name, text });

/** Writes an element with two spaces of indent per level; text is written as it is (line breaks included). */
export function writeXml(root: Element): string {
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const write = (element: Element, depth: number) => {
    const indent = '  '.repeat(depth);
    const attributes = Object.entries(element.attributes ?? {})
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => ` ${key}="${escape(String(value))}"`)
      .join('');
    const children = (element.children ?? []).filter((child): child is Element => child !== null);
    if (element.text !== undefined) lines.push(`${indent}<${element.name}${attributes}>${escape(element.text)}</${element.name}>`);
    else if (children.length === 0) lines.push(`${indent}<${element.name}${attributes} />`);
    else {
      lines.push(`${indent}<${element.name}${attributes}>`);
      for (const child of children) write(child, depth + 1);
      lines.push(`${indent}</${element.name}>`);
    }
  };
  write(root, 0);
  return `${lines.join('\n')}\n`;
}

/** A GUID made from names (the study's id and what it names), the same at every export: deterministic output. */
export function derivedGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** REFI-QDA writes times as xsd:dateTime; Polku writes them in UTC, to the second. */
export const dateTime = (at: Date | string) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
