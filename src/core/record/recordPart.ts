import type { RawBuilder } from 'kysely';
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
}

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
  read(reading: PartReading): Promise<{ value: unknown; timeline?: TimelineEvent[] }>;
  /** The accounts that acted in this part for the client, as a select of one `id` column. */
  staff?: (clientId: string) => RawBuilder<unknown>;
}
