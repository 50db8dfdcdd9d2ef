import type { Api } from '../../server/context.ts';
import { whoOf } from '../../server/requestContext.ts';
import { attachmentDisposition } from '../../core/fileNames.ts';
import { AppError } from '../../core/errors.ts';
import { fileResponse } from '../../server/schemaParts.ts';
import { studyParams } from './schema.ts';
import { codebookImportResponse, exchangeFileBody, MAX_PROJECT_MB, projectImportResponse } from './exchangeSchema.ts';
import { exportCodebook, exportProject, importCodebook, importProject } from './refi/exchange.ts';

/** REFI-QDA exchange: a study out as a QDPX project or a QDC codebook, and in from another tool. */
export async function studyExchangeRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['study'];
  const limit = Math.ceil(MAX_PROJECT_MB * 1024 * 1024 * 1.4);

  app.get(
    '/api/v1/studies/:id/export.qdpx',
    { config: { access: 'studies.read' }, schema: { tags, params: studyParams, response: fileResponse('application/zip') } },
    async (request, reply) => {
      const { fileName, content } = await exportProject(ctx, whoOf(request), request.params.id, request.language);
      return reply.type('application/zip').header('content-disposition', attachmentDisposition(fileName)).send(content);
    },
  );
  app.get(
    '/api/v1/studies/:id/codebook.qdc',
    { config: { access: 'studies.read' }, schema: { tags, params: studyParams, response: fileResponse('application/xml') } },
    async (request, reply) => {
      const { fileName, content } = await exportCodebook(ctx, whoOf(request), request.params.id);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', attachmentDisposition(fileName)).send(content);
    },
  );
  app.post(
    '/api/v1/studies/:id/codebook.qdc',
    {
      config: { access: 'studies.write' },
      schema: { tags, params: studyParams, body: exchangeFileBody, response: { 200: codebookImportResponse } },
    },
    async (request) => {
      if (!/\.qdc$/i.test(request.body.fileName)) throw new AppError(400, 'study_import_not_qdc');
      return importCodebook(ctx, whoOf(request), request.params.id, Buffer.from(request.body.contentBase64, 'base64').toString('utf8'));
    },
  );
  app.post(
    '/api/v1/studies/imports',
    { config: { access: 'studies.create' }, bodyLimit: limit, schema: { tags, body: exchangeFileBody, response: projectImportResponse } },
    async (request, reply) => {
      if (!/\.qdpx$/i.test(request.body.fileName)) throw new AppError(400, 'study_import_not_qdpx');
      return reply.code(201).send(await importProject(ctx, whoOf(request), request.body.contentBase64));
    },
  );
}
