import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { FieldGroup } from '../../core/policy/policy.ts';
import { auditWho, grant, type Who } from '../../core/record/access.ts';
import type { AppContext } from '../../server/context.ts';

/** A participant's sealed name and meeting notes, and the audit of every read of participants' data. */
export const sealedName = (ctx: AppContext, id: string, name: string) =>
  ctx.cipher.encrypt(name, protectedContext('coaching_participants', 'name', id));
export const openName = (ctx: AppContext, id: string, sealed: string) =>
  ctx.cipher.decrypt(sealed, protectedContext('coaching_participants', 'name', id));
export const notesContext = (id: string) => protectedContext('coaching_meetings', 'notes', id);

/** Every read of participants' data is audited with the participants and the field groups it carried. */
export async function auditParticipantsRead(ctx: AppContext, who: Who, action: string, participants: string[], groups: FieldGroup[]) {
  grant(who, ['record', ...groups]);
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action,
    outcome: 'succeeded',
    fieldGroups: groups,
    details: { participants },
  });
}
