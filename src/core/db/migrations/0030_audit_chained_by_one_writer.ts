import type { Migration } from './index.ts';

/**
 * Audit entries are written with the work they record, without waiting for each other: a new entry
 * has no place in the chain yet (seq, prev_hash and hash empty). One writer at a time links the
 * committed entries in batches (core/audit/audit.ts chainAudit). The guard lets an entry be linked
 * once, and nothing else: a linked entry is never changed, no entry is removed. The guard's body is
 * also what verification expects to find (appendOnlyGuard.ts).
 */
export const AUDIT_GUARD_BODY =
  "begin if tg_op = 'UPDATE' and old.hash is null and old.seq is null and new.hash is not null and new.seq is not null and new.prev_hash is not null and new.entry_id = old.entry_id and (new.at, new.actor_id, new.actor_role, new.action, new.outcome, new.client_id, new.field_groups, new.reason, new.ip, new.details::text) is not distinct from (old.at, old.actor_id, old.actor_role, old.action, old.outcome, old.client_id, old.field_groups, old.reason, old.ip, old.details::text) then return new; end if; raise exception 'audit_log is append-only'; end";

export const auditChainedByOneWriter: Migration = {
  id: '0030_audit_chained_by_one_writer',
  statements: [
    `alter table audit_log add column entry_id bigint generated always as identity`,
    `alter table audit_log drop constraint audit_log_pkey`,
    `alter table audit_log add primary key (entry_id)`,
    `alter table audit_log alter column seq drop not null`,
    `alter table audit_log alter column prev_hash drop not null`,
    `alter table audit_log alter column hash drop not null`,
    `create unique index audit_log_seq on audit_log(seq)`,
    `create index audit_log_unlinked on audit_log(entry_id) where hash is null`,
    `create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$ ${AUDIT_GUARD_BODY} $$`,
  ],
};
