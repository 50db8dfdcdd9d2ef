import { appendAudit } from '../audit/audit.ts';
import { refusalLog } from '../audit/refusals.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import {
  clientAccess,
  endedCaseWrites,
  listAccess,
  type Action,
  type Actor,
  type ClientAccess,
  type FieldGroup,
} from '../policy/policy.ts';
import type { AppContext } from '../context.ts';
import { caseEnded, findClient, relationshipTo } from './persons.ts';

/** Who is asking; `granted` collects the field groups the policy gave this request (see server/fieldGroupFilter.ts). */
export type Who = { actor: Actor; ip: string | null; granted?: Set<string> };

/** Records that the request may carry these groups: the response filter lets nothing else out. */
export function grant(who: Who, groups: readonly string[]) {
  for (const group of groups) who.granted?.add(group);
}
export const auditWho = ({ actor, ip }: Who) => ({ actorId: actor.id, actorRole: actor.role, ip });

type ClientRow = NonNullable<Awaited<ReturnType<typeof findClient>>>;

/**
 * The one door to a client's data: finds the client, asks the policy how the actor stands to them and
 * refuses (and logs the refusal) unless the actor may read, or write, the field group asked for. A
 * write to a case whose assistance has ended is refused (409 `case_ended`) unless the policy keeps
 * that group open for an ended case (`endedCaseWrites`), or the action is for an ended case
 * (`onEnded: 'only'`: reopening; refused with `case_not_ended` otherwise).
 */
export async function openClient(
  ctx: AppContext,
  who: Who,
  id: string,
  need: { read?: FieldGroup; write?: FieldGroup; action: string; onEnded?: 'only' },
  reason: string | null = null,
): Promise<{ client: ClientRow; access: ClientAccess }> {
  const client = await findClient(ctx.db, id);
  if (!client) throw notFound();
  const { relationship, sharedGroups } = await relationshipTo(ctx.db, who.actor, client);
  const access = clientAccess(who.actor, relationship, sharedGroups);
  const refuse = async (code: string, status = 403) => {
    await refusalLog(ctx.db, ctx.keyring.auditKey).refuse({
      ...auditWho(who),
      action: need.action,
      clientId: id,
      reason,
      details: { code },
    });
    return new AppError(status, code);
  };
  if (need.write ? !access.write.includes(need.write) : need.read ? !access.read.includes(need.read) : access.read.length === 0)
    throw await refuse('forbidden');
  if (!need.write && access.reasonRequired && !reason) throw await refuse('reason_required');
  if (need.write) {
    const ended = await caseEnded(ctx.db, id);
    if (need.onEnded === 'only' && !ended) throw await refuse('case_not_ended', 409);
    if (!need.onEnded && ended && !endedCaseWrites(who.actor, access).includes(need.write)) throw await refuse('case_ended', 409);
  }
  grant(who, ['record', ...access.read]);
  return { client, access };
}

/** Logs a change to a client's record in the same transaction as the change. */
export function auditChange(
  db: Database,
  ctx: AppContext,
  who: Who,
  action: string,
  clientId: string,
  group: FieldGroup,
  details?: Record<string, unknown>,
) {
  return appendAudit(db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action,
    outcome: 'succeeded',
    clientId,
    fieldGroups: [group],
    details: details ?? null,
  });
}

/**
 * A list of clients is shown: the request may carry the list's field groups (policy.listAccess), and
 * the read is logged with every client in it, so each appears in their own access log.
 */
export async function auditListRead(db: Database, ctx: AppContext, who: Who, action: Action, clientIds: readonly string[]) {
  const groups = listAccess(who.actor, action);
  grant(who, ['record', ...groups]);
  await appendAudit(db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action,
    outcome: 'succeeded',
    fieldGroups: groups,
    details: { clients: [...new Set(clientIds)] },
  });
}
