/** Every encrypted column, so that key rotation re-seals all of them. Context binds a value to its row. */
export const protectedColumns = [
  { table: 'persons', column: 'contact' },
  { table: 'persons', column: 'whereabouts' },
  { table: 'accounts', column: 'totp_secret' },
] as const;

export type ProtectedColumn = (typeof protectedColumns)[number];

export function protectedContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}
