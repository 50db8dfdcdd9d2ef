import type { Shown } from '../../lib/api.ts';
import type { CaseworkRecord } from '#shared/api/casework.ts';
import type { IdentificationRecord } from '#shared/api/identification.ts';
import type { ReflectionRecord } from '#shared/api/reflection.ts';
import type { ReferralsRecord } from '#shared/api/referrals.ts';
import type { ClientRecordFacts } from '#shared/api/clientRecord.ts';

type Facts = Shown<ClientRecordFacts>;
/** The parts of the record a section may show, each absent when the policy withholds it. */
type Parts = CaseworkRecord &
  IdentificationRecord &
  ReflectionRecord &
  ReferralsRecord &
  Pick<ClientRecordFacts, 'timeline' | 'assignments' | 'identity' | 'contact'>;

/** The record as its page reads it: its own facts, and each part the policy granted (absent otherwise). */
export type ClientRecord = { [Key in keyof Parts]?: Shown<NonNullable<Parts[Key]>> } & Pick<
  Facts,
  'id' | 'officeId' | 'relationship' | 'status' | 'readable' | 'writable'
> & {
    /** The cursors of the next pages of notes, documents and the timeline; null when the record shows all. */
    more?: Record<string, string | null>;
  };
