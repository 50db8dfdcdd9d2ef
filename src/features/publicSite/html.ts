/** Markup already escaped: what `html` returns, and the only thing it inserts without escaping. */
export class Html {
  constructor(readonly markup: string) {}
  toString() {
    return this.markup;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => entities[character]);

function insert(value: unknown): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(insert).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The public site's pages are written as tagged templates: every value is escaped unless it is
 * itself `Html`, so nothing a visitor typed (a form's answers shown back) can become markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((markup, part, index) => markup + part + (index < values.length ? insert(values[index]) : ''), ''));
}
