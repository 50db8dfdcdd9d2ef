import { api, type Shown } from '../../lib/api.ts';
import type { PathwayRecord, SafeWorkRecord } from '#shared/api/pathway.ts';
import type { CaseworkRecord } from '#shared/api/casework.ts';
import type { ClientRecordFacts } from '#shared/api/clientRecord.ts';

type Facts = Shown<ClientRecordFacts>;
type Parts = PathwayRecord & SafeWorkRecord & Pick<CaseworkRecord, 'services'>;
/** The client's record as the pathway pages read it: the parts the policy granted, and the record's facts. */
export type ClientPathway = { [Key in keyof Parts]?: Shown<NonNullable<Parts[Key]>> } & Pick<
  Facts,
  'id' | 'readable' | 'writable' | 'identity' | 'status' | 'relationship'
>;

export interface SectionProps {
  record: ClientPathway;
  reload: () => void;
}

/** Writes to this client's record; what the page offers follows what the policy lets this person write. */
export const recordWrites = (record: ClientPathway) => ({
  can: (group: string) => record.writable.includes(group),
  post: (path: string, body?: unknown) => api('POST', `/clients/${record.id}${path}`, body),
});
