/** Every encrypted column, so that key rotation re-seals all of them. Context binds a value to its row. */
export const protectedColumns = [
  { table: 'persons', column: 'name' },
  { table: 'persons', column: 'contact' },
  { table: 'persons', column: 'whereabouts' },
  { table: 'accounts', column: 'totp_secret' },
  { table: 'referrals', column: 'referrer_name' },
  { table: 'referrals', column: 'consent_override_reason' },
  { table: 'referrals', column: 'intake' },
  { table: 'decisions', column: 'reasons' },
  { table: 'identification_experts', column: 'member_name' },
  { table: 'identification_experts', column: 'statement' },
  { table: 'client_notes', column: 'body' },
  { table: 'client_tasks', column: 'title' },
  { table: 'client_documents', column: 'file_name' },
  { table: 'client_documents', column: 'content' },
  { table: 'reopenings', column: 'reason' },
  { table: 'study_participant_identities', column: 'name' },
  { table: 'study_participant_identities', column: 'contact' },
  { table: 'study_transcripts', column: 'content' },
  { table: 'study_pseudonyms', column: 'term' },
  { table: 'study_memos', column: 'body' },
  { table: 'consultations', column: 'question' },
  { table: 'consultations', column: 'contact' },
  { table: 'consultations', column: 'answer' },
  { table: 'coaching_participants', column: 'name' },
  { table: 'coaching_meetings', column: 'notes' },
  { table: 'coaching_leavings', column: 'note' },
  { table: 'pathway_plan_versions', column: 'content' },
  { table: 'pathway_checkpoints', column: 'clinical_note' },
] as const;

export type ProtectedColumn = (typeof protectedColumns)[number];

export function protectedContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}
