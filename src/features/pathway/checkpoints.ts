import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../core/context.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { auditChange, openClient, type Who } from '../../core/record/access.ts';
import { cefrLevels, literacyLevels, mentalStates } from './codes.ts';
import type { CheckpointInput } from './schema.ts';

const levelsOf = { mental_state: mentalStates, literacy: literacyLevels, language: cefrLevels } as const;

/**
 * A checkpoint of the map, assessed by someone on a day. Mental state is health data: only who may
 * write the health group records it, and its clinical note is sealed and read only in that group;
 * others see whether the person is ready or not yet. Literacy and language are the plan's work.
 */
export async function recordCheckpoint(ctx: AppContext, who: Who, clientId: string, input: CheckpointInput) {
  const group = input.kind === 'mental_state' ? 'health' : 'services';
  await openClient(ctx, who, clientId, { write: group, action: 'pathway.checkpoints.record' });
  if (!(levelsOf[input.kind] as readonly string[]).includes(input.level)) throw new AppError(400, 'pathway_checkpoint_level');
  if (input.assessedOn > helsinkiDate()) throw new AppError(400, 'pathway_date_in_future');
  const isLanguage = input.kind === 'language';
  const given = [input.language, input.skills, input.source].filter((value) => value !== undefined).length;
  if (isLanguage && given < 3) throw new AppError(400, 'pathway_language_needs_skills');
  if (!isLanguage && given > 0) throw new AppError(400, 'pathway_language_only');
  if (input.clinicalNote && input.kind !== 'mental_state') throw new AppError(400, 'pathway_clinical_note_only_mental_state');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pathway_checkpoints')
      .values({
        id,
        person_id: clientId,
        kind: input.kind,
        assessed_on: input.assessedOn,
        assessor: input.assessor,
        level: input.level,
        language: input.language ?? null,
        skills: input.skills ? JSON.stringify(input.skills) : null,
        source: input.source ?? null,
        clinical_note: ctx.cipher.encryptOptional(input.clinicalNote, protectedContext('pathway_checkpoints', 'clinical_note', id)),
        recorded_by: who.actor.id,
      })
      .execute();
    await auditChange(trx, ctx, who, 'pathway.checkpoints.record', clientId, group, { checkpoint: id, kind: input.kind });
  });
  return { id };
}
