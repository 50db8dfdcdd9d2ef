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
 */
export async function addReminder(
  trx: Transaction<DB>,
  ctx: AppContext,
  who: Who,
  clientId: string,
  kind: string,
  dueOn: string,
  language: string,
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
  return id;
}
