import type { Api } from '../../server/context.ts';
import { whoOf } from '../../server/requestContext.ts';
import { attachmentDisposition } from '../../core/fileNames.ts';
import { createdResponse, emptyResponse, fileResponse } from '../../server/schemaParts.ts';
import { studyParams } from './schema.ts';
import {
  answersResponse,
  interviewBody,
  interviewsResponse,
  MAX_TRANSCRIPT_MB,
  previewResponse,
  questionParams,
  sectionsBody,
  transcriptBody,
  transcriptParams,
  transcriptPreviewBody,
  transcriptResponse,
} from './transcriptSchema.ts';
import {
  agreementQuery,
  agreementResponse,
  codeBody,
  codebookResponse,
  codedHitsResponse,
  codeHitsBody,
  codeParams,
  codersResponse,
  memoBody,
  mergeBody,
  searchBody,
  searchResponse,
  segmentBody,
  segmentChangeBody,
  segmentParams,
} from './codingSchema.ts';
import { cellQuery, cellResponse, csvQuery, matrixResponse, reportResponse } from './analysisSchema.ts';
import { addInterview, listInterviews } from './interviews.ts';
import { answersTo, previewTranscript, readTranscript, saveSections, saveTranscript } from './transcripts.ts';
import { addCode, changeCode, mergeCode, readCodebook } from './codebook.ts';
import { addSegment, changeSegment, codeSearchHits, listCoders, removeSegment, saveMemo, searchTranscripts } from './coding.ts';
import { codingAgreement, matrixCell, segmentsCsv, studyReport, themeMatrix } from './analysis.ts';

/** The study's work on its material: interviews, transcripts, the codebook, coding, memos, search and analysis. */
export async function studyWorkRoutes(app: Api) {
  const ctx = app.polku;
  const tags = ['study'];
  const read = { access: 'studies.read' } as const;
  const write = { access: 'studies.write' } as const;
  const fileLimit = Math.ceil(MAX_TRANSCRIPT_MB * 1024 * 1024 * 1.4);

  app.get(
    '/api/v1/studies/:id/interviews',
    { config: read, schema: { tags, params: studyParams, response: { 200: interviewsResponse } } },
    async (request) => listInterviews(ctx, whoOf(request), request.params.id),
  );
  app.post(
    '/api/v1/studies/:id/interviews',
    { config: write, schema: { tags, params: studyParams, body: interviewBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await addInterview(ctx, whoOf(request), request.params.id, request.body)),
  );

  // A transcript travels in a request body, never in an address; its preview is stored nowhere.
  app.post(
    '/api/v1/studies/:id/transcripts/preview',
    {
      config: write,
      bodyLimit: fileLimit,
      schema: { tags, params: studyParams, body: transcriptPreviewBody, response: { 200: previewResponse } },
    },
    async (request) => previewTranscript(ctx, whoOf(request), request.params.id, request.body, request.language),
  );
  app.post(
    '/api/v1/studies/:id/transcripts',
    { config: write, bodyLimit: fileLimit, schema: { tags, params: studyParams, body: transcriptBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await saveTranscript(ctx, whoOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/studies/:id/transcripts/:transcriptId',
    { config: read, schema: { tags, params: transcriptParams, response: { 200: transcriptResponse } } },
    async (request) => readTranscript(ctx, whoOf(request), request.params.id, request.params.transcriptId),
  );
  app.put(
    '/api/v1/studies/:id/transcripts/:transcriptId/sections',
    { config: write, schema: { tags, params: transcriptParams, body: sectionsBody, response: emptyResponse } },
    async (request, reply) => {
      await saveSections(ctx, whoOf(request), request.params.id, request.params.transcriptId, request.body);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/studies/:id/questions/:questionId/answers',
    { config: read, schema: { tags, params: questionParams, response: { 200: answersResponse } } },
    async (request) => answersTo(ctx, whoOf(request), request.params.id, request.params.questionId),
  );

  app.get(
    '/api/v1/studies/:id/codebook',
    { config: read, schema: { tags, params: studyParams, response: { 200: codebookResponse } } },
    async (request) => readCodebook(ctx, whoOf(request), request.params.id),
  );
  app.post(
    '/api/v1/studies/:id/codes',
    { config: write, schema: { tags, params: studyParams, body: codeBody, response: createdResponse } },
    async (request, reply) => reply.code(201).send(await addCode(ctx, whoOf(request), request.params.id, request.body)),
  );
  app.put(
    '/api/v1/studies/:id/codes/:codeId',
    { config: write, schema: { tags, params: codeParams, body: codeBody, response: emptyResponse } },
    async (request, reply) => {
      await changeCode(ctx, whoOf(request), request.params.id, request.params.codeId, request.body);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/studies/:id/codes/:codeId/merge',
    { config: write, schema: { tags, params: codeParams, body: mergeBody, response: emptyResponse } },
    async (request, reply) => {
      await mergeCode(ctx, whoOf(request), request.params.id, request.params.codeId, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/studies/:id/transcripts/:transcriptId/segments',
    { config: write, schema: { tags, params: transcriptParams, body: segmentBody, response: createdResponse } },
    async (request, reply) =>
      reply.code(201).send(await addSegment(ctx, whoOf(request), request.params.id, request.params.transcriptId, request.body)),
  );
  app.put(
    '/api/v1/studies/:id/segments/:segmentId',
    { config: write, schema: { tags, params: segmentParams, body: segmentChangeBody, response: emptyResponse } },
    async (request, reply) => {
      await changeSegment(ctx, whoOf(request), request.params.id, request.params.segmentId, request.body);
      return reply.code(204).send();
    },
  );
  app.delete(
    '/api/v1/studies/:id/segments/:segmentId',
    { config: write, schema: { tags, params: segmentParams, response: emptyResponse } },
    async (request, reply) => {
      await removeSegment(ctx, whoOf(request), request.params.id, request.params.segmentId);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v1/studies/:id/memos',
    { config: write, schema: { tags, params: studyParams, body: memoBody, response: emptyResponse } },
    async (request, reply) => {
      await saveMemo(ctx, whoOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/studies/:id/search',
    { config: read, schema: { tags, params: studyParams, body: searchBody, response: { 200: searchResponse } } },
    async (request) => searchTranscripts(ctx, whoOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/studies/:id/search/code',
    { config: write, schema: { tags, params: studyParams, body: codeHitsBody, response: codedHitsResponse } },
    async (request) => codeSearchHits(ctx, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/studies/:id/coders',
    { config: read, schema: { tags, params: studyParams, response: { 200: codersResponse } } },
    async (request) => listCoders(ctx, whoOf(request), request.params.id),
  );
  app.get(
    '/api/v1/studies/:id/agreement',
    { config: read, schema: { tags, params: studyParams, querystring: agreementQuery, response: { 200: agreementResponse } } },
    async (request) =>
      codingAgreement(ctx, whoOf(request), request.params.id, request.query.transcriptId, request.query.coderA, request.query.coderB),
  );
  app.get(
    '/api/v1/studies/:id/matrix',
    { config: read, schema: { tags, params: studyParams, response: { 200: matrixResponse } } },
    async (request) => themeMatrix(ctx, whoOf(request), request.params.id),
  );
  app.get(
    '/api/v1/studies/:id/matrix/cell',
    { config: read, schema: { tags, params: studyParams, querystring: cellQuery, response: { 200: cellResponse } } },
    async (request) => matrixCell(ctx, whoOf(request), request.params.id, request.query.themeId, request.query.organisationType),
  );
  app.get(
    '/api/v1/studies/:id/report',
    { config: read, schema: { tags, params: studyParams, response: { 200: reportResponse } } },
    async (request) => studyReport(ctx, whoOf(request), request.params.id, request.language),
  );
  app.get(
    '/api/v1/studies/:id/segments.csv',
    { config: read, schema: { tags, params: studyParams, querystring: csvQuery, response: fileResponse('text/csv') } },
    async (request, reply) => {
      const { fileName, csv } = await segmentsCsv(
        ctx,
        whoOf(request),
        request.params.id,
        request.language,
        request.query.separator === 'semicolon' ? ';' : ',',
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(fileName)).send(csv);
    },
  );
}
