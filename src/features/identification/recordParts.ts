import { sql } from 'kysely';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { daysBetween, helsinkiDate, isoInstant } from '../../core/dates.ts';
import type { RecordPart } from '../../core/record/recordPart.ts';
import { identificationSchema } from './schema.ts';

/** Official identification on a client's record: each request with the expert group and its statements. */
export const identificationPart: RecordPart<typeof identificationSchema, 'identifications'> = {
  key: 'identifications',
  group: 'case',
  schema: identificationSchema,
  staff: (clientId) =>
    sql`select requested_by from identifications where person_id = ${clientId} union select decided_by from identifications where person_id = ${clientId}`,
  async read({ ctx, clientId, today, nameOf }) {
    const [identifications, experts] = await Promise.all([
      ctx.db.selectFrom('identifications').selectAll().where('person_id', '=', clientId).orderBy('requested_at').execute(),
      ctx.db.selectFrom('identification_experts').selectAll().where('person_id', '=', clientId).orderBy('authority').execute(),
    ]);
    const value = identifications.map((row) => ({
      requestedAt: isoInstant(row.requested_at),
      startedAt: isoInstant(row.started_at),
      meetingDate: row.meeting_date,
      decidedAt: isoInstant(row.decided_at),
      outcome: row.outcome,
      waitedDays: daysBetween(helsinkiDate(row.requested_at), row.decided_at ? helsinkiDate(row.decided_at) : today),
      experts: experts
        .filter((expert) => new Date(expert.requested_at).getTime() === new Date(row.requested_at).getTime())
        .map((expert) => ({
          id: expert.id,
          authority: expert.authority,
          memberName: ctx.cipher.decrypt(expert.member_name, protectedContext('identification_experts', 'member_name', expert.id)),
          statedAt: isoInstant(expert.stated_at),
          statement: ctx.cipher.decryptOptional(expert.statement, protectedContext('identification_experts', 'statement', expert.id)),
        })),
    }));
    const timeline = identifications.flatMap((row) => [
      { at: isoInstant(row.requested_at)!, kind: 'identification_requested', by: nameOf(row.requested_by) },
      ...(row.decided_at
        ? [{ at: isoInstant(row.decided_at), kind: `identification_${row.outcome ?? 'closed'}`, by: nameOf(row.decided_by) }]
        : []),
    ]);
    return { value, timeline };
  },
};
