/** Every encrypted column, so that key rotation re-seals all of them. Context binds a value to its row. */
export const protectedColumns = [
  { table: 'clients', column: 'contact' },
  { table: 'clients', column: 'whereabouts' },
  { table: 'accounts', column: 'totp_secret' },
] as const;

export type ProtectedColumn = (typeof protectedColumns)[number];

export function protectedContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}
