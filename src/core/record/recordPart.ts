import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Actor, ClientAccess, FieldGroup } from '../policy/policy.ts';

/**
 * One event of the client's timeline: when (an instant, or a calendar day for what is recorded only
 * by its day), what (a code the page translates), and by whom.
 */
export type TimelineEvent = ({ at: string; day?: never } | { day: string; at?: never }) & {
  kind: string;
  detail?: string | null;
  by?: string | null;
};

export interface PartReading {
  ctx: AppContext;
  actor: Actor;
  clientId: string;
  access: ClientAccess;
  /** Today in Helsinki. */
  today: string;
  /** The name of a member of staff who acted on this record (see `staff`). */
  nameOf(accountId: string | null | undefined): string | null;
  /** Which page a part that grows without bound (`paged`) reads; other parts read everything. */
  page: PageRequest;
}

/**
 * A page of a paged part, in the part's order (notes and documents newest first): `size` items
 * after the item `after` (an id the previous page gave as `more`), or, for the timeline, the events
 * older than `timelineBefore` (a timeline sort key: an instant in Helsinki time, or a day). A part
 * reads one item more than `size` to know whether more are left.
 */
export type PageRequest = { size: number; after?: string | null; timelineBefore?: string | null };

/**
 * A part of a client's record, owned by the feature that records it: its field group, the shape of
 * its value, how to read it, and its timeline events. The record is assembled from the parts the
 * policy lets the reader see, so a feature adds its part without editing the record or another
 * feature, and a reader's timeline never hints at a part they cannot read.
 */
export interface RecordPart<S extends object = object, K extends string = string> {
  /** The property of the record the part fills. */
  key: K;
  group: FieldGroup;
  /** JSON schema of the part's value (without the group: the record adds it), `as const` so its type is derived. */
  schema: S;
  read(reading: PartReading): Promise<{ value: unknown; timeline?: TimelineEvent[]; more?: string | null }>;
  /**
   * The part grows without bound (notes, tasks, documents): `read` gives one page (`reading.page`)
   * and, in `more`, the cursor of the next page or null; the record carries the first page, the rest
   * is read page by page. Its timeline events are those of the page's `size` items.
   */
  paged?: true;
  /** The accounts that acted in this part for the client, as a select of one `id` column. */
  staff?: (clientId: string) => RawBuilder<unknown>;
}

/**
 * The condition of a page (`PageRequest`) on a table of a client's items kept in `at` and `id` order,
 * newest first: after the item the cursor names, or older than a timeline sort key (an instant is
 * compared to the millisecond the timeline shows; a day means before that day began in Helsinki).
 */
export function olderThan(table: 'client_notes' | 'client_documents', page: PageRequest): RawBuilder<boolean> {
  if (page.after) return sql<boolean>`(at, id) < (select at, id from ${sql.table(table)} where id = ${page.after})`;
  if (page.timelineBefore)
    return /^\d{4}-\d{2}-\d{2}$/.test(page.timelineBefore)
      ? sql<boolean>`at < ((${page.timelineBefore})::date)::timestamp at time zone 'Europe/Helsinki'`
      : sql<boolean>`at < ${new Date(page.timelineBefore).toISOString()}::timestamptz`;
  return sql<boolean>`true`;
}

/** The page's items (one more was read) and the cursor of the next page. */
export function pageOf<T extends { id: string }>(rows: T[], page: PageRequest): { items: T[]; more: string | null } {
  const items = rows.slice(0, page.size);
  return { items, more: rows.length > page.size ? items[items.length - 1].id : null };
}
