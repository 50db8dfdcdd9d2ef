import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import type { Database } from '../../core/db/database.ts';
import { helsinkiDate, helsinkiTime } from '../../core/dates.ts';
import type { Actor, ClientAccess, FieldGroup } from '../../core/policy/policy.ts';
import type { RecordPart, TimelineEvent } from '../../core/record/recordPart.ts';

/** How many notes, tasks, documents and timeline events a page shows: the record carries the first page of each. */
export const PAGE_SIZE = 50;

/** What of a record is read a page at a time: the paged parts by their key, and the timeline. */
export type PageOf = { part: string; after: string | null } | { part: 'timeline'; before: string | null };

/**
 * The parts of a client's record the policy lets the actor read, each under its field group, and a
 * timeline built only from those parts: a partner's timeline never hints at what they cannot see.
 * The parts are the features' own (see core/record/recordPart.ts); this only puts them together.
 * Parts that grow without bound, and the timeline, come as their first page, with the cursor of the
 * next in `more`; `readRecordPage` reads the next. The parts are read side by side, so a read waits
 * for the slowest query rather than for all of them in turn.
 */
export async function readRecordParts(ctx: AppContext, actor: Actor, clientId: string, access: ClientAccess, parts: readonly RecordPart[]) {
  const readable = parts.filter((part) => access.read.includes(part.group));
  const [assignments, reading] = await Promise.all([
    ctx.db
      .selectFrom('client_assignments')
      .innerJoin('accounts', 'accounts.id', 'client_assignments.account_id')
      .select(['accounts.id', 'accounts.display_name', 'accounts.role', 'accounts.office_id'])
      .where('client_id', '=', clientId)
      .execute(),
    readingOf(ctx, actor, clientId, access, readable),
  ]);
  const read = await Promise.all(readable.map((part) => part.read({ ...reading, page: { size: PAGE_SIZE } })));
  const record: Record<string, unknown> = {
    assignments: assignments.map((row) => ({ accountId: row.id, name: row.display_name, role: row.role, officeId: row.office_id })),
  };
  const more: Record<string, string | null> = {};
  readable.forEach((part, index) => {
    record[part.key] = read[index].value;
    if (part.paged) more[part.key] = read[index].more ?? null;
  });
  const timeline = timelinePage(readable, read, null);
  record.timeline = timeline.events;
  record.more = { ...more, timeline: timeline.more };
  return record;
}

/**
 * The next page of a paged part (`{ [key]: items, more: { [key]: cursor } }`), or of the timeline
 * (the events older than the cursor, from every part the reader may see).
 */
export async function readRecordPage(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  access: ClientAccess,
  parts: readonly RecordPart[],
  page: PageOf,
) {
  if (page.part === 'timeline' && 'before' in page) {
    const readable = parts.filter((part) => access.read.includes(part.group));
    const reading = await readingOf(ctx, actor, clientId, access, readable);
    const read = await Promise.all(
      readable.map((part) => part.read({ ...reading, page: { size: PAGE_SIZE, timelineBefore: page.before } })),
    );
    const timeline = timelinePage(readable, read, page.before);
    return { timeline: timeline.events, more: { timeline: timeline.more } };
  }
  const part = parts.find((candidate) => candidate.paged && candidate.key === page.part)!;
  const reading = await readingOf(ctx, actor, clientId, access, [part]);
  const { value, more } = await part.read({ ...reading, page: { size: PAGE_SIZE, after: 'after' in page ? page.after : null } });
  return { [part.key]: value, more: { [part.key]: more ?? null } };
}

async function readingOf(ctx: AppContext, actor: Actor, clientId: string, access: ClientAccess, readable: readonly RecordPart[]) {
  const names = await staffNames(
    ctx.db,
    readable.flatMap((part) => (part.staff ? [part.staff(clientId)] : [])),
  );
  return {
    ctx,
    actor,
    clientId,
    access,
    today: helsinkiDate(),
    nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null),
  };
}

/**
 * The newest page of the timeline older than `before`: every part's events (a paged part gave those
 * of its page, which are its newest), newest first. The page does not end between events of the
 * same moment, so the next page, of the events older than the last shown, misses none; nor does it
 * reach the last moment of a paged part that has more, whose other events of that moment come next.
 */
function timelinePage(
  readable: readonly RecordPart[],
  read: Array<{ timeline?: TimelineEvent[]; more?: string | null }>,
  before: string | null,
) {
  const events = readable
    .flatMap((part, index) => (read[index].timeline ?? []).map((event) => shownEvent(event, part.group)))
    .filter((event) => before === null || sortKey(event) < before)
    .sort(newestFirst);
  const edges = readable.flatMap((part, index) => {
    const own = read[index].timeline ?? [];
    return part.paged && read[index].more && own.length > 0 ? [sortKey(shownEvent(own[own.length - 1], part.group))] : [];
  });
  const edge = edges.sort().at(-1);
  const known = edge === undefined ? events : events.filter((event) => sortKey(event) > edge);
  const shown = known.length > 0 ? known : events;
  let end = Math.min(PAGE_SIZE, shown.length);
  while (end < shown.length && sortKey(shown[end]) === sortKey(shown[end - 1])) end += 1;
  return { events: shown.slice(0, end), more: end < events.length ? sortKey(shown[end - 1]) : null };
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
  return sortKey(b).localeCompare(sortKey(a));
}

/** Where an event sorts in the timeline: its day, or its time in Helsinki; also the timeline's page cursor. */
const sortKey = (event: Pick<ShownEvent, 'at' | 'dateOnly'>) => (event.dateOnly ? event.at : helsinkiTime(event.at));

/** The names of the staff who acted in the readable parts, in one query: never every account. */
async function staffNames(db: Database, selects: RawBuilder<unknown>[]): Promise<Map<string, string>> {
  if (selects.length === 0) return new Map();
  const rows = await sql<{
    id: string;
    display_name: string;
  }>`select id, display_name from accounts where id in (${sql.join(selects, sql` union `)})`.execute(db);
  return new Map(rows.rows.map((row) => [row.id, row.display_name]));
}
