import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { makeDocx } from '../../../test/support/docx.ts';

let ctx: TestContext;
let app: FastifyInstance;
let anna: TestAccount;
let bertil: TestAccount;
let cecilia: TestAccount;
let director: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [anna, bertil, cecilia, director] = await makeAccounts(ctx, 'researcher', 'researcher', 'researcher', 'director');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const as = async (account: TestAccount, method: string, url: string, body?: unknown) =>
  injectJson(app, method, `/api/v1${url}`, await sessionFor(ctx, account.id), body);
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

const consent = (quotations: boolean) => ({
  informationSheetVersion: '1.0',
  formVersion: '1.0',
  givenOn: '2026-03-02',
  method: 'written',
  recording: true,
  quotations,
  archiving: false,
  reuse: false,
});

/** A study with a guide from the template, Anna and Bertil on its team, and two participants with consent. */
async function setUp() {
  const study = (
    await as(anna, 'POST', '/studies', { title: 'Work study', researchQuestions: ['Challenges?', 'Services?'], status: 'collecting' })
  ).body.id as string;
  expect((await as(anna, 'PUT', `/studies/${study}/team`, { accountIds: [anna.id, bertil.id] })).status).toBe(204);
  const guide = (await as(anna, 'POST', `/studies/${study}/guides`, { title: 'Guide', language: 'en', fromTemplate: true })).body
    .id as string;
  const p1 = await as(anna, 'POST', `/studies/${study}/participants`, {
    organisationType: 'ngo',
    role: 'Counsellor',
    region: 'Uusimaa',
    name: 'Päivi Testinen',
    contact: null,
  });
  const p2 = await as(anna, 'POST', `/studies/${study}/participants`, {
    organisationType: 'police',
    role: null,
    region: null,
    name: null,
    contact: null,
  });
  await as(anna, 'POST', `/studies/${study}/participants/${p1.body.id}/consents`, consent(true));
  await as(anna, 'POST', `/studies/${study}/participants/${p2.body.id}/consents`, consent(false));
  const interview = async (participantId: string) =>
    (
      await as(anna, 'POST', `/studies/${study}/interviews`, {
        participantId,
        heldOn: '2026-03-10',
        mode: 'video',
        interviewerId: anna.id,
        lengthMinutes: 55,
        guideId: guide,
      })
    ).body.id as string;
  return {
    study,
    guide,
    p1: p1.body.id as string,
    p2: p2.body.id as string,
    i1: await interview(p1.body.id),
    i2: await interview(p2.body.id),
  };
}

async function importText(study: string, interviewId: string, text: string, fileName = 'interview.txt', replacements: unknown[] = []) {
  const saved = await as(anna, 'POST', `/studies/${study}/transcripts`, {
    interviewId,
    fileName,
    contentBase64: base64(text),
    replacements,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return saved.body.id as string;
}

async function addCode(study: string, name: string, extra: Record<string, unknown> = {}, who = anna) {
  const created = await as(who, 'POST', `/studies/${study}/codes`, {
    name,
    description: null,
    color: '#1d70b8',
    parentId: null,
    researchQuestionId: null,
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

describe('interviews and transcripts', () => {
  it('records an interview with the guide version used, and lists it with its transcript', async () => {
    const { study, i1 } = await setUp();
    const list = (await as(anna, 'GET', `/studies/${study}/interviews`)).body;
    expect(list[0]).toMatchObject({
      id: i1,
      participantCode: 'P01',
      mode: 'video',
      interviewer: 'Test researcher',
      lengthMinutes: 55,
      guideVersion: 1,
      transcript: null,
    });
    const wrong = await as(anna, 'POST', `/studies/${study}/interviews`, {
      participantId: '00000000-0000-4000-8000-000000000000',
      heldOn: '2999-01-01',
      mode: 'video',
      interviewerId: null,
      lengthMinutes: null,
      guideId: null,
    });
    expect(wrong.status).toBe(400);
    expect((await as(anna, 'GET', `/studies/${study}/interviews`)).body).toHaveLength(2);
  });

  it('proposes names for pseudonymisation, replaces the accepted ones, and keeps the text sealed', async () => {
    const { study, i1 } = await setUp();
    const text =
      'Haastattelija: Kerro työstäsi.\r\nHaastateltava: Minä olen Päivi. Asiakkaani Ahmed Karimi tuli Siivous Kiilto Oy:n kautta Vantaalla.\r\n';
    const preview = await as(anna, 'POST', `/studies/${study}/transcripts/preview`, { fileName: 'p01.txt', contentBase64: base64(text) });
    expect(preview.status).toBe(200);
    const proposals = Object.fromEntries(
      preview.body.proposals.map((p: { term: string; replacement: string; kind: string }) => [p.term, [p.kind, p.replacement]]),
    );
    expect(proposals['Päivi']).toEqual(['person', '[P01]']);
    expect(proposals['Ahmed Karimi']).toEqual(['person', '[henkilö 1]']);
    expect(proposals['Siivous Kiilto Oy']).toEqual(['organisation', '[organisaatio 1]']);
    // Line endings are one line feed whichever system wrote the file.
    expect(preview.body.text).not.toContain('\r');
    const replacements = preview.body.proposals
      .filter((p: { term: string }) => p.term !== 'Vantaalla')
      .map(({ kind, term, replacement }: Record<string, string>) => ({ kind, term, replacement }));
    const id = await importText(study, i1, text, 'p01.txt', replacements);
    const read = (await as(anna, 'GET', `/studies/${study}/transcripts/${id}`)).body;
    expect(read.text).toBe(
      'Haastattelija: Kerro työstäsi.\nHaastateltava: Minä olen [P01]. Asiakkaani [henkilö 1] tuli [organisaatio 1]:n kautta Vantaalla.',
    );
    expect(read).toMatchObject({ participantCode: 'P01', organisationType: 'ngo', canEdit: true });
    const stored = await ctx.db.selectFrom('study_transcripts').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.content).toMatch(/^enc1:/);
    const dump = JSON.stringify((await sql`select * from study_pseudonyms`.execute(ctx.db)).rows);
    expect(dump).not.toMatch(/Ahmed|Kiilto/);
    // A later transcript proposes the same codes for the same names.
    const { i2 } = { i2: (await as(anna, 'GET', `/studies/${study}/interviews`)).body[1].id as string };
    const again = await as(anna, 'POST', `/studies/${study}/transcripts/preview`, {
      fileName: 'p02.txt',
      contentBase64: base64('Ahmed Karimi soitti.'),
    });
    expect(again.body.proposals).toEqual([expect.objectContaining({ term: 'Ahmed Karimi', replacement: '[henkilö 1]', known: true })]);
    expect(
      (
        await as(anna, 'POST', `/studies/${study}/transcripts`, {
          interviewId: i1,
          fileName: 'x.txt',
          contentBase64: base64('x'),
          replacements: [],
        })
      ).body.error.code,
    ).toBe('study_transcript_exists');
    void i2;
  });

  it('imports a Word file, and refuses other files and text that is not UTF-8 with a translated reason, changing nothing', async () => {
    const { study, i1, i2 } = await setUp();
    const docx = makeDocx(['Haastattelija: Kerro työstäsi.', 'Haastateltava: Teen työtä järjestössä 😊 ja autan.']);
    const id = (
      await as(anna, 'POST', `/studies/${study}/transcripts`, {
        interviewId: i1,
        fileName: 'p01.docx',
        contentBase64: base64(docx),
        replacements: [],
      })
    ).body.id;
    const read = (await as(anna, 'GET', `/studies/${study}/transcripts/${id}`)).body;
    expect(read.text).toBe('Haastattelija: Kerro työstäsi.\n\nHaastateltava: Teen työtä järjestössä 😊 ja autan.');
    // Positions are code points: the emoji is one.
    expect(read.length).toBe([...read.text].length);
    const refused = async (fileName: string, content: Buffer | string, code: string) => {
      const response = await as(anna, 'POST', `/studies/${study}/transcripts`, {
        interviewId: i2,
        fileName,
        contentBase64: base64(content),
        replacements: [],
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).not.toBe(code);
    };
    await refused('p02.pdf', '%PDF-1.4', 'study_transcript_type');
    await refused('p02.txt', Buffer.from([0x48, 0xe4, 0x6e]), 'study_transcript_not_utf8');
    await refused('p02.docx', 'not a zip', 'file_content_mismatch');
    await refused('p02.txt', '   ', 'import_empty');
    expect(await ctx.db.selectFrom('study_transcripts').select('id').where('interview_id', '=', i2).execute()).toEqual([]);
  });

  it('divides a transcript by guide question, and reads one question’s answers across interviews', async () => {
    const { study, i1, i2 } = await setUp();
    const t1 = await importText(study, i1, 'Q: Your work?\nA: I help victims 😊 find work.');
    const t2 = await importText(study, i2, 'Q: Your work?\nA: Investigations.');
    const question = (await as(anna, 'GET', `/studies/${study}/transcripts/${t1}`)).body.questions[1];
    // "I help victims 😊 find work." starts at code point 17 and ends at 44.
    expect(
      (
        await as(anna, 'PUT', `/studies/${study}/transcripts/${t1}/sections`, {
          sections: [{ questionId: question.id, start: 17, end: 44 }],
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await as(anna, 'PUT', `/studies/${study}/transcripts/${t2}/sections`, {
          sections: [{ questionId: question.id, start: 17, end: 32 }],
        })
      ).status,
    ).toBe(204);
    const answers = (await as(director, 'GET', `/studies/${study}/questions/${question.id}/answers`)).body;
    expect(answers.answers.map((answer: { participantCode: string; text: string }) => [answer.participantCode, answer.text])).toEqual([
      ['P01', 'I help victims 😊 find work.'],
      ['P02', 'Investigations.'],
    ]);
    const bad = await as(anna, 'PUT', `/studies/${study}/transcripts/${t1}/sections`, {
      sections: [
        { questionId: question.id, start: 0, end: 20 },
        { questionId: question.id, start: 10, end: 99 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { problem: string }) => detail.problem).sort()).toEqual(['outside_text', 'overlaps']);
    expect((await as(anna, 'GET', `/studies/${study}/transcripts/${t1}`)).body.sections).toEqual([
      { questionId: question.id, start: 17, end: 44 },
    ]);
  });
});

describe('coding', () => {
  it('keeps codings when codes are renamed, moved and merged; memos on codes, segments and transcripts are sealed', async () => {
    const { study, i1 } = await setUp();
    const rq = (await as(anna, 'GET', `/studies/${study}`)).body.researchQuestions[0].id;
    const t1 = await importText(study, i1, 'Language skills are the first barrier. Wage subsidy helps.');
    const theme = await addCode(study, 'Barriers', { researchQuestionId: rq });
    const language = await addCode(study, 'Language', { parentId: theme });
    const words = await addCode(study, 'Words');
    const segment = await as(anna, 'POST', `/studies/${study}/transcripts/${t1}/segments`, {
      start: 0,
      end: 15,
      codeIds: [language, words],
    });
    expect(segment.status).toBe(201);
    expect(
      (
        await as(anna, 'PUT', `/studies/${study}/codes/${words}`, {
          name: 'Vocabulary',
          description: 'Words people lack',
          color: '#D4351C',
          parentId: language,
          researchQuestionId: null,
        })
      ).status,
    ).toBe(204);
    const wrongMove = await as(anna, 'PUT', `/studies/${study}/codes/${theme}`, {
      name: 'Barriers',
      description: null,
      color: '#1d70b8',
      parentId: words,
      researchQuestionId: null,
    });
    expect(wrongMove.body.error.details).toEqual([expect.objectContaining({ field: 'parentId', problem: 'inside_itself' })]);
    await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'code', targetId: words, text: 'Vocabulary memo' });
    await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'segment', targetId: segment.body.id, text: 'Segment memo' });
    await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'transcript', targetId: t1, text: 'Transcript memo' });
    expect((await as(anna, 'POST', `/studies/${study}/codes/${words}/merge`, { intoId: language })).status).toBe(204);
    const codebook = (await as(anna, 'GET', `/studies/${study}/codebook`)).body;
    expect(
      codebook.codes.map((code: { name: string; parentId: string | null; segments: number; memo: string | null }) => [
        code.name,
        code.parentId,
        code.segments,
        code.memo,
      ]),
    ).toEqual([
      ['Barriers', null, 0, null],
      ['Language', theme, 1, 'Vocabulary memo'],
    ]);
    const read = (await as(anna, 'GET', `/studies/${study}/transcripts/${t1}`)).body;
    expect(read.memo).toBe('Transcript memo');
    expect(read.segments).toEqual([expect.objectContaining({ start: 0, end: 15, codeIds: [language], memo: 'Segment memo', own: true })]);
    const memos = await ctx.db.selectFrom('study_memos').select('body').where('study_id', '=', study).execute();
    expect(memos.every((memo) => memo.body.startsWith('enc1:'))).toBe(true);
  });

  it('codes with one or more codes of the study, within the text; another coder’s segments are not one’s own to change', async () => {
    const { study, i1 } = await setUp();
    const t1 = await importText(study, i1, 'Short text.');
    const code = await addCode(study, 'Theme');
    const other = (await as(anna, 'POST', '/studies', { title: 'Other', researchQuestions: ['?'], status: 'planning' })).body.id;
    const foreign = await addCode(other, 'Foreign');
    const url = `/studies/${study}/transcripts/${t1}/segments`;
    expect((await as(anna, 'POST', url, { start: 5, end: 99, codeIds: [code] })).body.error.details).toEqual([
      expect.objectContaining({ problem: 'outside_text' }),
    ]);
    expect((await as(anna, 'POST', url, { start: 0, end: 5, codeIds: [foreign] })).status).toBe(400);
    const mine = await as(anna, 'POST', url, { start: 0, end: 5, codeIds: [code] });
    expect(
      (await as(bertil, 'PUT', `/studies/${study}/segments/${mine.body.id}`, { codeIds: [code], quotation: true })).body.error.code,
    ).toBe('study_segment_not_own');
    expect((await as(bertil, 'DELETE', `/studies/${study}/segments/${mine.body.id}`)).status).toBe(403);
    expect((await as(cecilia, 'POST', url, { start: 0, end: 5, codeIds: [code] })).status).toBe(403);
    expect((await as(director, 'POST', url, { start: 0, end: 5, codeIds: [code] })).status).toBe(403);
    expect((await as(anna, 'GET', `/studies/${study}/transcripts/${t1}`)).body.segments).toHaveLength(1);
  });

  it('finds a word in every transcript, positions in code points, and codes the hits', async () => {
    const { study, i1, i2 } = await setUp();
    await importText(study, i1, '😊 Palkkatuki auttaa. Ilman palkkatukea ei.');
    await importText(study, i2, 'Palkkatuesta ei ole apua.');
    const code = await addCode(study, 'Wage subsidy');
    const hits = (await as(anna, 'POST', `/studies/${study}/search`, { text: 'palkkatu' })).body;
    expect(
      hits.map((hit: { participantCode: string; start: number; match: string }) => [hit.participantCode, hit.start, hit.match]),
    ).toEqual([
      ['P01', 2, 'Palkkatu'],
      ['P01', 27, 'palkkatu'],
      ['P02', 0, 'Palkkatu'],
    ]);
    expect((await as(anna, 'POST', `/studies/${study}/search/code`, { text: 'palkkatu', codeIds: [code] })).body).toEqual({ coded: 3 });
    const audited = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'studies.search').execute();
    expect(JSON.stringify(audited)).not.toContain('palkkatu');
  });
});

describe('agreement, matrix, report and CSV', () => {
  it('computes agreement per code between two coders on characters, with the disagreements side by side', async () => {
    const { study, i1 } = await setUp();
    const text = 'x'.repeat(1000);
    const t1 = await importText(study, i1, text);
    const code = await addCode(study, 'Barriers');
    await as(anna, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 0, end: 150, codeIds: [code] });
    await as(bertil, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 100, end: 200, codeIds: [code] });
    const coders = (await as(anna, 'GET', `/studies/${study}/coders`)).body;
    const ids = coders.map((coder: { id: string }) => coder.id);
    const result = await as(director, 'GET', `/studies/${study}/agreement?transcriptId=${t1}&coderA=${ids[0]}&coderB=${ids[1]}`);
    expect(result.status).toBe(200);
    expect(result.body.codes).toEqual([
      expect.objectContaining({ name: 'Barriers', characters: 1000, both: 50, neither: 800, percentage: 85 }),
    ]);
    expect(result.body.codes[0].kappa).toBeCloseTo(70 / 220, 10);
    expect(result.body.disagreements.map((span: { start: number; end: number }) => [span.start, span.end])).toEqual([
      [0, 100],
      [150, 200],
    ]);
    expect((await as(anna, 'GET', `/studies/${study}/agreement?transcriptId=${t1}&coderA=${ids[0]}&coderB=${ids[0]}`)).status).toBe(400);
  });

  it('shows themes × organisation types, drills down to quotations, reports per research question honouring consent, and writes a safe CSV', async () => {
    const { study, i1, i2 } = await setUp();
    const rq1 = (await as(anna, 'GET', `/studies/${study}`)).body.researchQuestions[0].id;
    const t1 = await importText(study, i1, 'Kieli on este. =HYPERLINK("x")');
    const t2 = await importText(study, i2, 'Kieli ja luottamus.');
    const theme = await addCode(study, 'Barriers', { researchQuestionId: rq1 });
    const child = await addCode(study, 'Language', { parentId: theme });
    const s1 = await as(anna, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 0, end: 14, codeIds: [child] });
    const s2 = await as(anna, 'POST', `/studies/${study}/transcripts/${t2}/segments`, { start: 0, end: 5, codeIds: [theme] });
    await as(anna, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 15, end: 30, codeIds: [theme] });
    await as(anna, 'PUT', `/studies/${study}/segments/${s1.body.id}`, { codeIds: [child], quotation: true });
    await as(anna, 'PUT', `/studies/${study}/segments/${s2.body.id}`, { codeIds: [theme], quotation: true });
    const matrix = (await as(anna, 'GET', `/studies/${study}/matrix`)).body;
    const cell = (type: string) => matrix.cells.find((c: { organisationType: string }) => c.organisationType === type);
    expect(cell('ngo')).toMatchObject({ themeId: theme, segments: 2, participants: 1 });
    expect(cell('police')).toMatchObject({ segments: 1, participants: 1 });
    const drill = (await as(anna, 'GET', `/studies/${study}/matrix/cell?themeId=${theme}&organisationType=ngo`)).body;
    expect(drill.segments[0]).toMatchObject({
      participantCode: 'P01',
      organisationType: 'ngo',
      text: 'Kieli on este.',
      codes: ['Language'],
    });
    const report = (await as(director, 'GET', `/studies/${study}/report`)).body;
    expect(report.researchQuestions[0]).toMatchObject({
      label: 'RQ1',
      themes: [expect.objectContaining({ name: 'Barriers', segments: 3, participants: 2, withheld: 1 })],
    });
    // P02's consent does not cover quotations: their quotation is withheld.
    expect(report.researchQuestions[0].themes[0].quotations).toEqual([
      { participantCode: 'P01', organisationType: 'ngo', text: 'Kieli on este.' },
    ]);
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/studies/${study}/segments.csv?separator=semicolon`,
      headers: { cookie: (await sessionFor(ctx, anna.id)).cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain("'=HYPERLINK");
    expect(csv.body.split('\r\n')[0]).toContain('Litterointi;Osallistuja');
  });
});

describe('withdrawal', () => {
  it('removes the participant’s transcripts, codings, quotations and memos, and records how many without content', async () => {
    const { study, p1, i1 } = await setUp();
    const t1 = await importText(study, i1, 'Secret words of P01.');
    const code = await addCode(study, 'Theme');
    const segment = await as(anna, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 0, end: 6, codeIds: [code] });
    await as(anna, 'PUT', `/studies/${study}/segments/${segment.body.id}`, { codeIds: [code], quotation: true });
    await as(bertil, 'POST', `/studies/${study}/transcripts/${t1}/segments`, { start: 0, end: 6, codeIds: [code] });
    await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'transcript', targetId: t1, text: 'Memo of P01' });
    expect((await as(anna, 'POST', `/studies/${study}/participants/${p1}/withdrawal`, { withdrawnOn: '2026-04-01' })).status).toBe(204);
    const row = (await as(anna, 'GET', `/studies/${study}/participants`)).body.find((p: { id: string }) => p.id === p1);
    expect(row.withdrawal.removed).toEqual({ transcripts: 1, codings: 2, quotations: 1, memos: 1, identity: 1 });
    expect((await as(anna, 'GET', `/studies/${study}/transcripts/${t1}`)).status).toBe(404);
    expect((await as(anna, 'POST', `/studies/${study}/search`, { text: 'Secret' })).body).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'studies.participants.withdraw').execute();
    expect(JSON.stringify(audit)).not.toContain('Secret');
  });
});
