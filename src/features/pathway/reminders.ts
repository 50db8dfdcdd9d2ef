import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { DB } from '../../core/db/types.ts';
import { isLanguage, translate } from '../../core/i18n/i18n.ts';
import type { Who } from '../../core/record/access.ts';

/**
 * A reminder on the path to work (a plan's review, the next progress reading, an unmet fair-work
 * check) is a task of the client's record for whoever recorded it, so it shows among their tasks.
 * What it reminds of is kept beside it (`pathway_reminders`), so that the record it asks for closes it.
 */
export async function addReminder(
  trx: Transaction<DB>,
  ctx: AppContext,
  who: Who,
  clientId: string,
  kind: string,
  dueOn: string,
  language: string,
  subjectId: string | null = null,
) {
  const id = randomUUID();
  const title = translate(isLanguage(language) ? language : 'fi', `pathway.reminders.${kind}`);
  await trx
    .insertInto('client_tasks')
    .values({
      id,
      person_id: clientId,
      title: ctx.cipher.encrypt(title, protectedContext('client_tasks', 'title', id)),
      due_on: dueOn,
      assignee_id: who.actor.id,
      created_by: who.actor.id,
    })
    .execute();
  await trx.insertInto('pathway_reminders').values({ task_id: id, person_id: clientId, kind, subject_id: subjectId }).execute();
  return id;
}

/**
 * Closes the open reminders a new record answers: a later progress reading those for the next
 * reading, a plan's revision with a new review date that plan's earlier review.
 */
export async function closeReminders(trx: Transaction<DB>, clientId: string, kind: string, subjectId: string | null = null) {
  let answered = trx.selectFrom('pathway_reminders').select('task_id').where('person_id', '=', clientId).where('kind', '=', kind);
  if (subjectId !== null) answered = answered.where('subject_id', '=', subjectId);
  await trx.updateTable('client_tasks').set({ done_at: new Date() }).where('id', 'in', answered).where('done_at', 'is', null).execute();
}
