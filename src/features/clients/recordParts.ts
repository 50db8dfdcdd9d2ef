import { sql } from 'kysely';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { addDays, daysBetween, helsinkiDate, isoInstant } from '../../core/dates.ts';
import { readableFileName } from '../../core/fileNames.ts';
import { readableSensitivities, type Actor, type ClientAccess, type FieldGroup } from '../../core/policy/policy.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { effectiveEnd, warningLevel } from '../reflection/service.ts';


/** One event of the client's timeline: when, what (a code translated by the page), and by whom. */
interface TimelineEvent { at: string; kind: string; detail?: string | null; by?: string | null; group: FieldGroup }

/**
 * The parts of a client's record the policy lets the actor read, each field group on its own, and a
 * timeline built only from those parts: a partner's timeline never hints at what they cannot see.
 */
export async function recordParts(ctx: AppContext, actor: Actor, clientId: string, access: ClientAccess) {
  const reads = new Set(access.read);
  const db = ctx.db;
  const names = await staffNamesOnRecord(db, clientId);
  const nameOf = (id: string | null | undefined) => (id ? names.get(id) ?? null : null);
  const timeline: TimelineEvent[] = [];
  const today = helsinkiDate();

  const assignments = await db.selectFrom('client_assignments').innerJoin('accounts', 'accounts.id', 'client_assignments.account_id')
    .select(['accounts.id', 'accounts.display_name', 'accounts.role', 'accounts.office_id']).where('client_id', '=', clientId).execute();
  const parts: Record<string, unknown> = {
    assignments: assignments.map((row) => ({ accountId: row.id, name: row.display_name, role: row.role, officeId: row.office_id })),
  };

  if (reads.has('identity')) {
    const children = await db.selectFrom('children').selectAll().where('guardian_id', '=', clientId).orderBy('birth_date').execute();
    parts.children = children.map((child) => ({ id: child.id, birthDate: child.birth_date, from: child.from_date }));
    for (const child of children) timeline.push({ group: 'identity', at: `${child.from_date}T12:00:00Z`, kind: 'child' });
  }

  if (reads.has('case')) {
    const referrals = await db.selectFrom('referrals').leftJoin('decisions', 'decisions.referral_id', 'referrals.id').leftJoin('withdrawals', 'withdrawals.referral_id', 'referrals.id')
      .select(['referrals.id', 'referrals.received_at', 'referrals.source', 'decisions.outcome', 'decisions.decided_at', 'decisions.decided_by', 'withdrawals.at as withdrawn_at'])
      .where('referrals.person_id', '=', clientId).orderBy('referrals.received_at').execute();
    const exploitations = await db.selectFrom('exploitations').selectAll().where('person_id', '=', clientId).orderBy('main', 'desc').execute();
    const identifications = await db.selectFrom('identifications').selectAll().where('person_id', '=', clientId).orderBy('requested_at').execute();
    const experts = await db.selectFrom('identification_experts').selectAll().where('person_id', '=', clientId).orderBy('authority').execute();
    const terminations = await db.selectFrom('terminations').selectAll().where('person_id', '=', clientId).orderBy('at').execute();
    parts.referrals = referrals.map((row) => ({ id: row.id, receivedAt: isoInstant(row.received_at), source: row.source, outcome: row.outcome, decidedAt: isoInstant(row.decided_at), withdrawnAt: isoInstant(row.withdrawn_at) }));
    parts.exploitations = exploitations.map((row) => ({ purpose: row.purpose, place: row.place, main: row.main, minorAtTime: row.minor_at_time, sector: row.sector, meansOfControl: row.means_of_control, recruitment: row.recruitment }));
    parts.identifications = identifications.map((row) => ({
      requestedAt: isoInstant(row.requested_at), startedAt: isoInstant(row.started_at), meetingDate: row.meeting_date, decidedAt: isoInstant(row.decided_at), outcome: row.outcome,
      waitedDays: daysBetween(helsinkiDate(row.requested_at), row.decided_at ? helsinkiDate(row.decided_at) : today),
      experts: experts.filter((expert) => new Date(expert.requested_at).getTime() === new Date(row.requested_at).getTime()).map((expert) => ({
        id: expert.id, authority: expert.authority, memberName: ctx.cipher.decrypt(expert.member_name, protectedContext('identification_experts', 'member_name', expert.id)), statedAt: isoInstant(expert.stated_at),
        statement: ctx.cipher.decryptOptional(expert.statement, protectedContext('identification_experts', 'statement', expert.id)),
      })),
    }));
    parts.terminations = terminations.map((row) => ({ at: isoInstant(row.at), reason: row.reason, by: nameOf(row.recorded_by) }));
    for (const row of referrals) {
      timeline.push({ group: 'case', at: isoInstant(row.received_at)!, kind: 'referral', detail: row.source });
      if (row.decided_at) timeline.push({ group: 'case', at: isoInstant(row.decided_at)!, kind: `decision_${row.outcome}`, by: nameOf(row.decided_by) });
      if (row.withdrawn_at) timeline.push({ group: 'case', at: isoInstant(row.withdrawn_at)!, kind: 'withdrawal' });
    }
    for (const row of identifications) {
      timeline.push({ group: 'case', at: isoInstant(row.requested_at)!, kind: 'identification_requested', by: nameOf(row.requested_by) });
      if (row.decided_at) timeline.push({ group: 'case', at: isoInstant(row.decided_at)!, kind: `identification_${row.outcome}`, by: nameOf(row.decided_by) });
    }
    for (const row of terminations) timeline.push({ group: 'case', at: isoInstant(row.at)!, kind: 'termination', detail: row.reason, by: nameOf(row.recorded_by) });
  }

  if (reads.has('immigration')) {
    const residence = await db.selectFrom('residence_statuses').selectAll().where('person_id', '=', clientId).orderBy('at').execute();
    const periods = await db.selectFrom('reflection_periods').selectAll().where('person_id', '=', clientId).orderBy('start_date').execute();
    parts.residence = residence.map((row) => ({ status: row.status, at: row.at }));
    parts.reflectionPeriods = periods.map((row) => {
      const end = effectiveEnd(row);
      const daysLeft = daysBetween(today, end);
      return {
        grantedBy: row.granted_by, start: row.start_date, end: row.end_date, grantedEnd: row.granted_end_date ?? row.end_date, interruptedOn: row.interrupted_on,
        active: row.start_date <= today && end >= today, daysLeft, // An interrupted period has ended on purpose: nothing to warn about.
        warning: !row.interrupted_on && end >= addDays(today, -7) ? warningLevel(daysLeft) : null,
      };
    });
    for (const row of residence) timeline.push({ group: 'immigration', at: `${row.at}T12:00:00Z`, kind: 'residence', detail: row.status });
    for (const row of periods) timeline.push({ group: 'immigration', at: `${row.start_date}T12:00:00Z`, kind: 'reflection_granted', detail: row.granted_by, by: nameOf(row.recorded_by) });
  }

  if (reads.has('services')) {
    const services = await db.selectFrom('client_services').selectAll().where('person_id', '=', clientId).orderBy('requested_on').execute();
    parts.services = services.map((row) => ({ id: row.id, service: row.service, requestedOn: row.requested_on, arrangedOn: row.arranged_on, endedOn: row.ended_on, provider: row.provider, by: nameOf(row.recorded_by) }));
    for (const row of services) timeline.push({ group: 'services', at: `${row.requested_on}T12:00:00Z`, kind: 'service_requested', detail: row.service, by: nameOf(row.recorded_by) });
  }

  if (reads.has('notes')) {
    const sensitivities = readableSensitivities(actor, access.relationship);
    const notes = await db.selectFrom('client_notes').selectAll().where('person_id', '=', clientId).where('sensitivity', 'in', sensitivities).orderBy('at', 'desc').execute();
    parts.notes = notes.map((row) => ({ id: row.id, at: isoInstant(row.at), sensitivity: row.sensitivity, by: nameOf(row.author_id), body: ctx.cipher.decrypt(row.body, protectedContext('client_notes', 'body', row.id)) }));
    const tasks = await db.selectFrom('client_tasks').selectAll().where('person_id', '=', clientId).orderBy('due_on').execute();
    parts.tasks = tasks.map((row) => ({
      id: row.id, title: ctx.cipher.decrypt(row.title, protectedContext('client_tasks', 'title', row.id)), dueOn: row.due_on, assignee: nameOf(row.assignee_id),
      doneAt: isoInstant(row.done_at), overdue: row.done_at === null && row.due_on < today,
    }));
    for (const row of notes) timeline.push({ group: 'notes', at: isoInstant(row.at)!, kind: 'note', detail: row.sensitivity, by: nameOf(row.author_id) });
  }

  if (reads.has('documents')) {
    const documents = await db.selectFrom('client_documents').select(['id', 'file_name', 'media_type', 'size', 'uploaded_by', 'at']).where('person_id', '=', clientId).orderBy('at', 'desc').execute();
    parts.documents = documents.map((row) => ({
      id: row.id, fileName: readableFileName(ctx.cipher.decrypt(row.file_name, protectedContext('client_documents', 'file_name', row.id))), mediaType: row.media_type, size: row.size, at: isoInstant(row.at), by: nameOf(row.uploaded_by),
    }));
  }

  parts.timeline = timeline.sort((a, b) => b.at.localeCompare(a.at));
  return parts;
}

/** The names of the staff who acted on this client's record, in one query: never every account. */
async function staffNamesOnRecord(db: Database, clientId: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; display_name: string }>`
    select id, display_name from accounts where id in (
      select d.decided_by from decisions d join referrals r on r.id = d.referral_id where r.person_id = ${clientId}
      union select recorded_by from terminations where person_id = ${clientId}
      union select requested_by from identifications where person_id = ${clientId}
      union select decided_by from identifications where person_id = ${clientId}
      union select recorded_by from reflection_periods where person_id = ${clientId}
      union select recorded_by from client_services where person_id = ${clientId}
      union select author_id from client_notes where person_id = ${clientId}
      union select assignee_id from client_tasks where person_id = ${clientId}
      union select uploaded_by from client_documents where person_id = ${clientId})`.execute(db);
  return new Map(rows.rows.map((row) => [row.id, row.display_name]));
}
