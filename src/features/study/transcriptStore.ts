import { notFound } from '../../core/errors.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';

/** A transcript's text is sealed at rest, bound to its row like every protected text. */
const sealedContent = (id: string) => protectedContext('study_transcripts', 'content', id);

type TranscriptRow = { id: string; content: string };
/** A transcript's text, opened from its seal. */
export const openText = (ctx: AppContext, row: TranscriptRow) => ctx.cipher.decrypt(row.content, sealedContent(row.id));
export const sealText = (ctx: AppContext, id: string, text: string) => ctx.cipher.encrypt(text, sealedContent(id));

export async function findTranscript(db: Database, studyId: string, transcriptId: string) {
  const row = await db
    .selectFrom('study_transcripts')
    .selectAll()
    .where('id', '=', transcriptId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
