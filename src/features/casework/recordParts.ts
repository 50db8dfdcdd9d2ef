import { sql } from 'kysely';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { isoInstant } from '../../core/dates.ts';
import { readableFileName } from '../../core/fileNames.ts';
import { readableSensitivities } from '../../core/policy/policy.ts';
import { olderThan, pageOf, type RecordPart } from '../../core/record/recordPart.ts';
import {
  childrenSchema,
  exploitationSchema,
  terminationSchema,
  reopeningsSchema,
  residenceSchema,
  servicesSchema,
  notesSchema,
  tasksSchema,
  documentsSchema,
} from './schema.ts';

/** Children in the client's care. */
const childrenPart: RecordPart<typeof childrenSchema, 'children'> = {
  key: 'children',
  group: 'identity',
  schema: childrenSchema,
  async read({ ctx, clientId }) {
    const children = await ctx.db.selectFrom('children').selectAll().where('guardian_id', '=', clientId).orderBy('birth_date').execute();
    return {
      value: children.map((child) => ({ id: child.id, birthDate: child.birth_date, from: child.from_date })),
      timeline: children.map((child) => ({ day: child.from_date, kind: 'child' })),
    };
  },
};

/** The suspected exploitation, its main purpose first. */
const exploitationPart: RecordPart<typeof exploitationSchema, 'exploitations'> = {
  key: 'exploitations',
  group: 'case',
  schema: exploitationSchema,
  async read({ ctx, clientId }) {
    const rows = await ctx.db.selectFrom('exploitations').selectAll().where('person_id', '=', clientId).orderBy('main', 'desc').execute();
    return {
      value: rows.map((row) => ({
        purpose: row.purpose,
        place: row.place,
        main: row.main,
        minorAtTime: row.minor_at_time,
        sector: row.sector,
        meansOfControl: row.means_of_control,
        recruitment: row.recruitment,
      })),
    };
  },
};

/** The end of assistance, with its reason. */
const terminationPart: RecordPart<typeof terminationSchema, 'terminations'> = {
  key: 'terminations',
  group: 'case',
  schema: terminationSchema,
  staff: (clientId) => sql`select recorded_by from terminations where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db.selectFrom('terminations').selectAll().where('person_id', '=', clientId).orderBy('at').execute();
    return {
      value: rows.map((row) => ({ at: isoInstant(row.at), reason: row.reason, by: nameOf(row.recorded_by) })),
      timeline: rows.map((row) => ({ at: isoInstant(row.at), kind: 'termination', detail: row.reason, by: nameOf(row.recorded_by) })),
    };
  },
};

/** Ended assistance reopened, by whom and why. */
const reopeningsPart: RecordPart<typeof reopeningsSchema, 'reopenings'> = {
  key: 'reopenings',
  group: 'case',
  schema: reopeningsSchema,
  staff: (clientId) => sql`select reopened_by from reopenings where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db.selectFrom('reopenings').selectAll().where('person_id', '=', clientId).orderBy('at').execute();
    return {
      value: rows.map((row) => ({
        at: isoInstant(row.at),
        reason: ctx.cipher.decrypt(row.reason, protectedContext('reopenings', 'reason', row.id)),
        by: nameOf(row.reopened_by),
      })),
      timeline: rows.map((row) => ({ at: isoInstant(row.at), kind: 'reopening', by: nameOf(row.reopened_by) })),
    };
  },
};

/** The residence statuses the client has had. */
const residencePart: RecordPart<typeof residenceSchema, 'residence'> = {
  key: 'residence',
  group: 'immigration',
  schema: residenceSchema,
  async read({ ctx, clientId }) {
    const rows = await ctx.db.selectFrom('residence_statuses').selectAll().where('person_id', '=', clientId).orderBy('at').execute();
    return {
      value: rows.map((row) => ({ status: row.status, at: row.at })),
      timeline: rows.map((row) => ({ day: row.at, kind: 'residence', detail: row.status })),
    };
  },
};

/** The statutory services requested, arranged and ended. */
const servicesPart: RecordPart<typeof servicesSchema, 'services'> = {
  key: 'services',
  group: 'services',
  schema: servicesSchema,
  staff: (clientId) => sql`select recorded_by from client_services where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf }) {
    const rows = await ctx.db.selectFrom('client_services').selectAll().where('person_id', '=', clientId).orderBy('requested_on').execute();
    return {
      value: rows.map((row) => ({
        id: row.id,
        service: row.service,
        requestedOn: row.requested_on,
        arrangedOn: row.arranged_on,
        endedOn: row.ended_on,
        provider: row.provider,
        by: nameOf(row.recorded_by),
      })),
      timeline: rows.map((row) => ({
        day: row.requested_on,
        kind: 'service_requested',
        detail: row.service,
        by: nameOf(row.recorded_by),
      })),
    };
  },
};

/** Notes, only of the sensitivities the reader may see, a page at a time, newest first. */
const notesPart: RecordPart<typeof notesSchema, 'notes'> = {
  key: 'notes',
  group: 'notes',
  schema: notesSchema,
  paged: true,
  staff: (clientId) => sql`select author_id from client_notes where person_id = ${clientId}`,
  async read({ ctx, actor, access, clientId, nameOf, page }) {
    const sensitivities = readableSensitivities(actor, access.relationship);
    const rows = await ctx.db
      .selectFrom('client_notes')
      .selectAll()
      .where('person_id', '=', clientId)
      .where('sensitivity', 'in', sensitivities)
      .where(olderThan('client_notes', page))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.size + 1)
      .execute();
    const { items, more } = pageOf(rows, page);
    return {
      // The timeline's pages ask only for events; the notes themselves are not opened for them.
      value: page.timelineBefore
        ? []
        : items.map((row) => ({
            id: row.id,
            at: isoInstant(row.at),
            sensitivity: row.sensitivity,
            by: nameOf(row.author_id),
            body: ctx.cipher.decrypt(row.body, protectedContext('client_notes', 'body', row.id)),
          })),
      timeline: items.map((row) => ({ at: isoInstant(row.at), kind: 'note', detail: row.sensitivity, by: nameOf(row.author_id) })),
      more,
    };
  },
};

/**
 * Tasks and their reminders, a page at a time: those still to do first, by due day (the overdue on
 * top), then the done ones, the most recently due first. `taskOrder` is that order as one sort key.
 */
const taskOrder = sql`(done_at is not null), (case when done_at is null then due_on - date '2000-01-01' else date '2000-01-01' - due_on end), id`;

const tasksPart: RecordPart<typeof tasksSchema, 'tasks'> = {
  key: 'tasks',
  group: 'notes',
  schema: tasksSchema,
  paged: true,
  staff: (clientId) => sql`select assignee_id from client_tasks where person_id = ${clientId}`,
  async read({ ctx, clientId, today, nameOf, page }) {
    // Tasks have no timeline events: the timeline's pages do not read them.
    if (page.timelineBefore) return { value: [] };
    const rows = await ctx.db
      .selectFrom('client_tasks')
      .selectAll()
      .where('person_id', '=', clientId)
      .where(
        page.after ? sql<boolean>`(${taskOrder}) > (select ${taskOrder} from client_tasks where id = ${page.after})` : sql<boolean>`true`,
      )
      .orderBy(sql`${taskOrder}`)
      .limit(page.size + 1)
      .execute();
    const { items, more } = pageOf(rows, page);
    return {
      value: items.map((row) => ({
        id: row.id,
        title: ctx.cipher.decrypt(row.title, protectedContext('client_tasks', 'title', row.id)),
        dueOn: row.due_on,
        assignee: nameOf(row.assignee_id),
        doneAt: isoInstant(row.done_at),
        overdue: row.done_at === null && row.due_on < today,
      })),
      more,
    };
  },
};

/** Documents: their names and sizes, a page at a time, newest first; the content only by download. */
const documentsPart: RecordPart<typeof documentsSchema, 'documents'> = {
  key: 'documents',
  group: 'documents',
  schema: documentsSchema,
  paged: true,
  staff: (clientId) => sql`select uploaded_by from client_documents where person_id = ${clientId}`,
  async read({ ctx, clientId, nameOf, page }) {
    if (page.timelineBefore) return { value: [] };
    const rows = await ctx.db
      .selectFrom('client_documents')
      .select(['id', 'file_name', 'media_type', 'size', 'uploaded_by', 'at'])
      .where('person_id', '=', clientId)
      .where(olderThan('client_documents', page))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.size + 1)
      .execute();
    const { items, more } = pageOf(rows, page);
    return {
      value: items.map((row) => ({
        id: row.id,
        fileName: readableFileName(ctx.cipher.decrypt(row.file_name, protectedContext('client_documents', 'file_name', row.id))),
        mediaType: row.media_type,
        size: row.size,
        at: isoInstant(row.at),
        by: nameOf(row.uploaded_by),
      })),
      more,
    };
  },
};

export const caseworkParts = [
  childrenPart,
  exploitationPart,
  terminationPart,
  reopeningsPart,
  residencePart,
  servicesPart,
  notesPart,
  tasksPart,
  documentsPart,
];
