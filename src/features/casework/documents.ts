import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { cleanFileName, fileExtension, readableFileName } from '../../core/fileNames.ts';
import type { AppContext } from '../../server/context.ts';
import { auditChange, auditWho, openClient, type Who } from '../../core/record/access.ts';
import { checkOfficeFile, type OfficeFormat } from './checkOfficeFile.ts';
import type { DocumentUpload, documentTypes } from './schema.ts';

export const MAX_DOCUMENT_MB = 5;

const zip = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const office = (format: OfficeFormat) => (bytes: Buffer) => {
  if (!zip(bytes)) return false;
  checkOfficeFile(bytes, format);
  return true;
};
/**
 * The types a client's documents come in, each with what its content must be: the name alone proves nothing.
 * An office file is opened all the way (checkOfficeFile), which refuses with its own reason.
 */
const allowedTypes: Record<(typeof documentTypes)[number], { extensions: string[]; looksRight: (bytes: Buffer) => boolean }> = {
  'application/pdf': { extensions: ['pdf'], looksRight: (bytes) => bytes.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], looksRight: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
  'image/png': {
    extensions: ['png'],
    looksRight: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'text/plain': {
    extensions: ['txt'],
    looksRight: (bytes) => !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes),
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    looksRight: office({
      family: 'ooxml',
      mainPart: 'word/document.xml',
      mainContentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    }),
  },
  'application/vnd.oasis.opendocument.text': {
    extensions: ['odt'],
    looksRight: office({ family: 'odf', mimetype: 'application/vnd.oasis.opendocument.text' }),
  },
};

export async function uploadDocument(ctx: AppContext, who: Who, clientId: string, input: DocumentUpload) {
  await openClient(ctx, who, clientId, { write: 'documents', action: 'documents.upload' });
  const fileName = cleanFileName(input.fileName);
  const type = allowedTypes[input.mediaType];
  if (!type || !type.extensions.includes(fileExtension(fileName))) throw new AppError(400, 'file_type_not_allowed');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_DOCUMENT_MB * 1024 * 1024) throw new AppError(400, 'file_too_large', { max: MAX_DOCUMENT_MB });
  if (bytes.length === 0 || !type.looksRight(bytes)) throw new AppError(400, 'file_content_mismatch');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('client_documents')
      .values({
        id,
        person_id: clientId,
        media_type: input.mediaType,
        size: bytes.length,
        uploaded_by: who.actor.id,
        at: new Date(),
        file_name: ctx.cipher.encrypt(fileName, protectedContext('client_documents', 'file_name', id)),
        content: ctx.cipher.encrypt(bytes.toString('base64'), protectedContext('client_documents', 'content', id)),
      })
      .execute();
    await auditChange(trx, ctx, who, 'documents.upload', clientId, 'documents', { document: id, size: bytes.length });
  });
  return { id };
}

/** A download is a read of the client's data: logged like opening the record. */
export async function downloadDocument(ctx: AppContext, who: Who, clientId: string, documentId: string) {
  await openClient(ctx, who, clientId, { read: 'documents', action: 'documents.download' });
  const row = await ctx.db
    .selectFrom('client_documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('person_id', '=', clientId)
    .executeTakeFirst();
  if (!row) throw notFound();
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    ...auditWho(who),
    action: 'documents.download',
    outcome: 'succeeded',
    clientId,
    fieldGroups: ['documents'],
    details: { document: documentId },
  });
  return {
    // Names stored before they were cleaned at upload are made safe here as well.
    fileName: readableFileName(ctx.cipher.decrypt(row.file_name, protectedContext('client_documents', 'file_name', row.id))),
    mediaType: row.media_type,
    content: Buffer.from(ctx.cipher.decrypt(row.content, protectedContext('client_documents', 'content', row.id)), 'base64'),
  };
}
