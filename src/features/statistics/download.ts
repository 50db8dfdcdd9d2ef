import { strToU8, zipSync } from 'fflate';
import { translate, type Language } from '../../core/i18n/i18n.ts';
import { cellLabel, tableIds, type TableId } from './tables.ts';

type Report = { year: number; tables: Record<TableId, { cells: Record<string, number | null> }> };

/**
 * One row per cell: table id, table title, cell code, cell label, then the count for each year.
 * A hidden count is an empty value. The same rows make the CSV and the XLSX download.
 */
export function downloadRows(reports: Report[], language: Language): string[][] {
  const t = (key: string) => translate(language, key);
  const header = [
    t('statistics.table'),
    t('statistics.tableTitle'),
    t('statistics.cell'),
    t('statistics.category'),
    ...reports.map((report) => String(report.year)),
  ];
  const rows = [header];
  for (const table of tableIds) {
    const cells = [...new Set(reports.flatMap((report) => Object.keys(report.tables[table].cells)))];
    for (const cell of cells) {
      const counts = reports.map((report) => report.tables[table].cells[cell]);
      rows.push([
        table,
        t(`statistics.tables.${table}`),
        cell,
        cellLabel(t, language, table, cell),
        ...counts.map((count) => (count === null || count === undefined ? '' : String(count))),
      ]);
    }
  }
  return rows;
}

/** A text that a spreadsheet would read as a formula is written as plain text (OWASP's CSV injection advice). */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * CSV with commas, or with semicolons as spreadsheets set for Finland, Sweden and most of Europe
 * expect (their decimal separator is the comma; every count is a whole number, so none has one).
 */
export function toCsv(rows: string[][], separator: ',' | ';' = ','): string {
  const quote = (text: string) => (/[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  // A byte order mark lets spreadsheet programs read the Finnish and Swedish letters right.
  return `\uFEFF${rows.map((row) => row.map((cell, i) => quote(isCount(row, i) ? cell : neutraliseFormula(cell))).join(separator)).join('\r\n')}\r\n`;
}

const isCount = (row: string[], index: number) => index >= 4 && /^\d+$/.test(row[index]);

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * A minimal Office Open XML workbook: one sheet, counts as numbers, every text as an inline string,
 * so nothing in it can ever be evaluated as a formula.
 */
export function toXlsx(rows: string[][], sheetName: string): Uint8Array {
  const column = (index: number) => String.fromCharCode(65 + index);
  const sheetRows = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((cell, c) => {
            const at = `${column(c)}${r + 1}`;
            if (r > 0 && isCount(row, c)) return `<c r="${at}"><v>${cell}</v></c>`;
            return cell === '' ? '' : `<c r="${at}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}
