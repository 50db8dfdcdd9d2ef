import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import type { Database } from '../../core/db/database.ts';
import { helsinkiDate, helsinkiTime } from '../../core/dates.ts';
import type { Actor, ClientAccess, FieldGroup } from '../../core/policy/policy.ts';
import type { RecordPart, TimelineEvent } from '../../core/record/recordPart.ts';

/**
 * The parts of a client's record the policy lets the actor read, each under its field group, and a
 * timeline built only from those parts: a partner's timeline never hints at what they cannot see.
 * The parts are the features' own (see core/record/recordPart.ts); this only puts them together.
 */
export async function readRecordParts(ctx: AppContext, actor: Actor, clientId: string, access: ClientAccess, parts: readonly RecordPart[]) {
  const readable = parts.filter((part) => access.read.includes(part.group));
  const [assignments, names] = await Promise.all([
    ctx.db
      .selectFrom('client_assignments')
      .innerJoin('accounts', 'accounts.id', 'client_assignments.account_id')
      .select(['accounts.id', 'accounts.display_name', 'accounts.role', 'accounts.office_id'])
      .where('client_id', '=', clientId)
      .execute(),
    staffNames(
      ctx.db,
      readable.flatMap((part) => (part.staff ? [part.staff(clientId)] : [])),
    ),
  ]);
  const reading = {
    ctx,
    actor,
    clientId,
    access,
    today: helsinkiDate(),
    nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null),
  };
  const record: Record<string, unknown> = {
    assignments: assignments.map((row) => ({ accountId: row.id, name: row.display_name, role: row.role, officeId: row.office_id })),
  };
  const timeline: ShownEvent[] = [];
  for (const part of readable) {
    const { value, timeline: events = [] } = await part.read(reading);
    record[part.key] = value;
    for (const event of events) timeline.push(shownEvent(event, part.group));
  }
  record.timeline = timeline.sort(newestFirst);
  return record;
}

type ShownEvent = { at: string; dateOnly: boolean; kind: string; detail?: string | null; by?: string | null; group: FieldGroup };

function shownEvent({ at, day, ...event }: TimelineEvent, group: FieldGroup): ShownEvent {
  return day !== undefined ? { ...event, at: day, dateOnly: true, group } : { ...event, at: at!, dateOnly: false, group };
}

/**
 * Newest first. An event known only by its day sorts as that day in Helsinki: after the timed events
 * of later days, and below the timed events of its own day (its time is not known, so it is not put
 * above what happened later that day).
 */
export function newestFirst(a: Pick<ShownEvent, 'at' | 'dateOnly'>, b: Pick<ShownEvent, 'at' | 'dateOnly'>): number {
  if (!a.dateOnly && !b.dateOnly) return Date.parse(b.at) - Date.parse(a.at);
  const key = (event: Pick<ShownEvent, 'at' | 'dateOnly'>) => (event.dateOnly ? event.at : helsinkiTime(event.at));
  return key(b).localeCompare(key(a));
}

/** The names of the staff who acted in the readable parts, in one query: never every account. */
async function staffNames(db: Database, selects: RawBuilder<unknown>[]): Promise<Map<string, string>> {
  if (selects.length === 0) return new Map();
  const rows = await sql<{
    id: string;
    display_name: string;
  }>`select id, display_name from accounts where id in (${sql.join(selects, sql` union `)})`.execute(db);
  return new Map(rows.rows.map((row) => [row.id, row.display_name]));
}
