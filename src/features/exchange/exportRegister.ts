import { helsinkiTime } from '../../core/dates.ts';
import type { Selectable } from 'kysely';
import type { Database } from '../../core/db/database.ts';
import type { DB } from '../../core/db/types.ts';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { letOthersIn } from './letOthersIn.ts';
import type { Keyring } from '../../core/crypto/keys.ts';

/** Persons written per round: their lines come from one query per table. */
const PERSONS_PER_BATCH = 1000;

/**
 * The register as an exchange file, written through `write` a thousand persons at a time, so a
 * register of any size is exported without being held in memory; `write` may return a promise to
 * hold the export back until the text is taken (a file's stream that is full). The order is fixed
 * (each person by register id, then what belongs to them) and instants are written in Helsinki time
 * with their offset, so export → import → export is identical.
 * A client recorded directly, without a referral and an admission, is no client in the format: their
 * terminations and children are left out and counted, so the file always imports. A termination
 * that a reopening followed is history in Polku, not an end of assistance: it is left out and counted
 * too (the format has no reopening), so the register sees a client whose assistance goes on.
 */
export async function writeRegister(
  db: Database,
  keyring: Keyring,
  who: Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>,
  write: (text: string) => unknown,
): Promise<{ lines: number; omitted: number }> {
  let lines = 0;
  let omitted = 0;
  let after: string | null = null;
  for (;;) {
    const persons = await db
      .selectFrom('persons')
      .select(['id', 'register_id', 'gender', 'birth_date', 'nationality'])
      .$if(after !== null, (query) => query.where('register_id', '>', after!))
      .orderBy('register_id')
      .limit(PERSONS_PER_BATCH)
      .execute();
    if (persons.length === 0) break;
    const batch = await linesOf(db, persons);
    lines += batch.lines.length;
    omitted += batch.omitted;
    await write(`${batch.lines.join('\n')}\n`);
    after = persons.at(-1)!.register_id;
    // Others' requests are answered between two batches, on the embedded database too.
    await letOthersIn();
  }
  await appendAudit(db, keyring.auditKey, { ...who, action: 'exchange.export', outcome: 'succeeded', details: { lines, omitted } });
  return { lines, omitted };
}

type Person = Pick<Selectable<DB['persons']>, 'id' | 'register_id' | 'gender' | 'birth_date' | 'nationality'>;

/** The lines of some persons and of what belongs to them, and how many records the format leaves out. */
async function linesOf(db: Database, persons: Person[]) {
  const ids = persons.map((person) => person.id);
  const [referrals, exploitations, residences, children, terminations, reflections, identifications, reopenings] = await Promise.all([
    // Only what the format carries: a referral's intake and referrer stay where they are.
    db
      .selectFrom('referrals')
      .select(['id', 'register_id', 'person_id', 'received_at', 'source', 'consent_at'])
      .where('person_id', 'in', ids)
      .orderBy('register_id')
      .execute(),
    db
      .selectFrom('exploitations')
      .selectAll()
      .where('person_id', 'in', ids)
      .orderBy('main', 'desc')
      .orderBy('purpose')
      .orderBy('place')
      .execute(),
    db.selectFrom('residence_statuses').selectAll().where('person_id', 'in', ids).orderBy('at').execute(),
    db.selectFrom('children').selectAll().where('guardian_id', 'in', ids).orderBy('register_id').execute(),
    db.selectFrom('terminations').selectAll().where('person_id', 'in', ids).orderBy('at').execute(),
    db.selectFrom('reflection_periods').selectAll().where('person_id', 'in', ids).orderBy('start_date').execute(),
    db.selectFrom('identifications').selectAll().where('person_id', 'in', ids).orderBy('requested_at').execute(),
    db.selectFrom('reopenings').select(['person_id', 'at']).where('person_id', 'in', ids).execute(),
  ]);
  const referralIds = referrals.map((referral) => referral.id);
  const [decisions, withdrawals] =
    referralIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.selectFrom('decisions').selectAll().where('referral_id', 'in', referralIds).execute(),
          db.selectFrom('withdrawals').selectAll().where('referral_id', 'in', referralIds).execute(),
        ]);
  const decisionOf = new Map(decisions.map((decision) => [decision.referral_id, decision]));
  const withdrawalOf = new Map(withdrawals.map((withdrawal) => [withdrawal.referral_id, withdrawal]));
  const byPerson = <T>(rows: T[], column: keyof T) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) grouped.set(row[column] as string, [...(grouped.get(row[column] as string) ?? []), row]);
    return grouped;
  };
  const referralsOf = byPerson(referrals, 'person_id');
  const admitted = new Set(
    referrals.filter((referral) => decisionOf.get(referral.id)?.outcome === 'admitted').map((referral) => referral.person_id),
  );
  let omitted = 0;
  const groups = {
    exploitations: byPerson(exploitations, 'person_id'),
    residences: byPerson(residences, 'person_id'),
    children: byPerson(children, 'guardian_id'),
    terminations: byPerson(terminations, 'person_id'),
    reflections: byPerson(reflections, 'person_id'),
    identifications: byPerson(identifications, 'person_id'),
    reopenings: byPerson(reopenings, 'person_id'),
  };

  const out: string[] = [];
  const line = (value: Record<string, unknown>) => out.push(JSON.stringify(value));
  for (const person of persons) {
    const personId = person.register_id;
    line({ type: 'person', id: personId, gender: person.gender, birthDate: person.birth_date, nationality: person.nationality });
    for (const referral of referralsOf.get(person.id) ?? []) {
      line({
        type: 'referral',
        id: referral.register_id,
        personId,
        receivedAt: helsinkiTime(referral.received_at),
        source: referral.source,
        consentAt: helsinkiTime(referral.consent_at),
      });
      const decision = decisionOf.get(referral.id);
      if (decision)
        line({
          type: 'decision',
          id: decision.register_id,
          referralId: referral.register_id,
          decidedAt: helsinkiTime(decision.decided_at),
          outcome: decision.outcome,
        });
      const withdrawal = withdrawalOf.get(referral.id);
      if (withdrawal) line({ type: 'withdrawal', referralId: referral.register_id, at: helsinkiTime(withdrawal.at) });
    }
    for (const e of groups.exploitations.get(person.id) ?? [])
      line({ type: 'exploitation', personId, purpose: e.purpose, place: e.place, main: e.main, minorAtTime: e.minor_at_time });
    for (const r of groups.residences.get(person.id) ?? []) line({ type: 'residence', personId, status: r.status, at: r.at });
    const children = groups.children.get(person.id) ?? [];
    const terminations = groups.terminations.get(person.id) ?? [];
    const reopenedAt = (groups.reopenings.get(person.id) ?? []).map((reopening) => new Date(reopening.at).getTime());
    const standing = terminations.filter((t) => !reopenedAt.some((at) => at >= new Date(t.at).getTime()));
    if (!admitted.has(person.id)) {
      omitted += children.length + terminations.length;
    } else {
      omitted += terminations.length - standing.length;
      for (const c of children)
        line({ type: 'child', id: c.register_id, guardianId: personId, birthDate: c.birth_date, from: c.from_date });
      for (const t of standing) line({ type: 'termination', personId, at: helsinkiTime(t.at), reason: t.reason });
    }
    for (const r of groups.reflections.get(person.id) ?? [])
      line({ type: 'reflection_period', personId, grantedBy: r.granted_by, start: r.start_date, end: r.end_date });
    for (const i of groups.identifications.get(person.id) ?? []) {
      line({
        type: 'identification',
        personId,
        requestedAt: helsinkiTime(i.requested_at),
        ...(i.started_at ? { startedAt: helsinkiTime(i.started_at) } : {}),
        ...(i.decided_at ? { decidedAt: helsinkiTime(i.decided_at), outcome: i.outcome } : {}),
      });
    }
  }
  return { lines: out, omitted };
}
