import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { buildApp } from '../../../server/app.ts';
import { createTestContext, type TestContext } from '../../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../../test/support/factories.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(here, 'schemas', name), 'utf8') });
const fixture = path.join(here, '../../../../test/fixtures/refi/qualcoder-export');

let ctx: TestContext;
let app: FastifyInstance;
let anna: TestAccount;
let bertil: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [anna, bertil] = await makeAccounts(ctx, 'researcher', 'researcher');
  // Two coders are told apart by their names in an exchange, as in any tool.
  await ctx.db.updateTable('accounts').set({ display_name: 'Bertil Berg' }).where('id', '=', bertil.id).execute();
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const as = async (account: TestAccount, method: string, url: string, body?: unknown) =>
  injectJson(app, method, `/api/v1${url}`, await sessionFor(ctx, account.id), body);
const download = async (url: string) => {
  const response = await app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: (await sessionFor(ctx, anna.id)).cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.rawPayload;
};
const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

async function expectValid(xml: string, xsd: string) {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], schema: [schema(xsd)] });
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

/** A study with participants, transcripts in several scripts, a codebook with themes, two coders' segments and memos. */
async function codedStudy() {
  const study = (
    await as(anna, 'POST', '/studies', {
      title: 'Työllistyminen – ”vaikeaa” & <tärkeää>',
      researchQuestions: ['Haasteet?', 'Palvelut?'],
      status: 'analysing',
    })
  ).body.id;
  await as(anna, 'PUT', `/studies/${study}/team`, { accountIds: [anna.id, bertil.id] });
  const [rq1, rq2] = (await as(anna, 'GET', `/studies/${study}`)).body.researchQuestions.map((q: { id: string }) => q.id);
  const participant = async (organisationType: string, role: string | null) =>
    (await as(anna, 'POST', `/studies/${study}/participants`, { organisationType, role, region: 'Uusimaa', name: null, contact: null }))
      .body.id;
  const p1 = await participant('ngo', 'Ohjaaja');
  const p2 = await participant('employment_office', null);
  const p3 = await participant('police', 'Tutkija');
  const transcript = async (participantId: string, text: string) => {
    const interviewId = (
      await as(anna, 'POST', `/studies/${study}/interviews`, {
        participantId,
        heldOn: '2026-03-01',
        mode: 'in_person',
        interviewerId: null,
        lengthMinutes: 40,
        guideId: null,
      })
    ).body.id;
    const saved = await as(anna, 'POST', `/studies/${study}/transcripts`, {
      interviewId,
      fileName: 't.txt',
      contentBase64: base64(text),
      replacements: [],
    });
    expect(saved.status).toBe(201);
    return saved.body.id as string;
  };
  // Emoji (two UTF-16 units, one code point), letters of several scripts, Windows line endings in the file.
  const t1 = await transcript(p1, 'H: Kerro työstäsi.\r\nV: Kieli 😊 on suurin este. Ёлка and العربية too.\r\nV: Palkkatuki auttaa.');
  const t2 = await transcript(p2, 'H: Mitä palveluja?\nV: Yhteyshenkilö, joka pysyy.');
  const t3 = await transcript(p3, 'H: Mitä?\nV: Tämä poistuu vetäytyessä.');
  const code = async (name: string, extra: Record<string, unknown> = {}) =>
    (
      await as(anna, 'POST', `/studies/${study}/codes`, {
        name,
        description: null,
        color: '#1d70b8',
        parentId: null,
        researchQuestionId: null,
        ...extra,
      })
    ).body.id as string;
  const barriers = await code('Esteet', { researchQuestionId: rq1, description: 'Haasteet & puutteet' });
  const language = await code('Kieli', { parentId: barriers, color: '#d4351c' });
  const services = await code('Palvelut', { researchQuestionId: rq2 });
  const subsidy = await code('Palkkatuki', { parentId: services });
  const segment = async (who: TestAccount, transcriptId: string, text: string, needle: string, codeIds: string[]) => {
    const chars = [...text.replace(/\r\n/g, '\n')];
    const start = [...text.replace(/\r\n/g, '\n').slice(0, text.replace(/\r\n/g, '\n').indexOf(needle))].length;
    void chars;
    const response = await as(who, 'POST', `/studies/${study}/transcripts/${transcriptId}/segments`, {
      start,
      end: start + [...needle].length,
      codeIds,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const t1Text = 'H: Kerro työstäsi.\nV: Kieli 😊 on suurin este. Ёлка and العربية too.\nV: Palkkatuki auttaa.';
  const s1 = await segment(anna, t1, t1Text, 'on suurin este. Ёлка and العربية', [language]);
  await segment(bertil, t1, t1Text, 'Kieli 😊 on suurin este.', [language]);
  await segment(anna, t1, t1Text, 'Palkkatuki auttaa.', [subsidy, services]);
  await segment(anna, t2, 'H: Mitä palveluja?\nV: Yhteyshenkilö, joka pysyy.', 'Yhteyshenkilö', [services]);
  await segment(anna, t3, 'H: Mitä?\nV: Tämä poistuu vetäytyessä.', 'Tämä poistuu', [barriers]);
  await as(anna, 'PUT', `/studies/${study}/segments/${s1}`, { codeIds: [language], quotation: true });
  await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'code', targetId: language, text: 'Kielitaito\r\nja sen puute' });
  await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'segment', targetId: s1, text: 'Painokas kohta' });
  await as(anna, 'PUT', `/studies/${study}/memos`, { target: 'transcript', targetId: t1, text: 'Hyvä haastattelu' });
  return { study, p3, t1Text };
}

const unzip = (bytes: Uint8Array) => unzipSync(new Uint8Array(bytes));

/** The project with every GUID named by the order it first appears in: the same project whatever ids a database gave it. */
function canonical(archive: Uint8Array) {
  const files = unzip(archive);
  const guids = new Map<string, string>();
  const rename = (text: string) =>
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (guid) => {
      if (!guids.has(guid.toLowerCase())) guids.set(guid.toLowerCase(), `guid-${guids.size + 1}`);
      return guids.get(guid.toLowerCase())!;
    });
  const project = rename(strFromU8(files['project.qde']));
  const sources = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name !== 'project.qde')
      .map(([name, content]) => [rename(name), strFromU8(content)]),
  );
  return { project, sources };
}

describe('REFI-QDA export', { timeout: 120_000 }, () => {
  it('writes a QDPX whose project.qde is valid against the standard’s schema, with the transcripts as UTF-8 under sources/', async () => {
    const { study, t1Text } = await codedStudy();
    const files = unzip(await download(`/studies/${study}/export.qdpx`));
    const project = strFromU8(files['project.qde']);
    await expectValid(project, 'Project-mrt2019.xsd');
    const sources = Object.keys(files).filter((name) => name.startsWith('sources/'));
    expect(sources).toHaveLength(3);
    for (const name of sources) expect(name).toMatch(/^sources\/[0-9a-f-]{36}\.txt$/);
    expect(Object.values(files).some((content) => strFromU8(content) === t1Text)).toBe(true);
    // Participants are cases with their variables; research questions are sets of their themes.
    expect(project).toContain('<Case guid=');
    expect(project).toMatch(/<TextValue>Järjestö|<TextValue>Kansalaisjärjestö/);
    expect(project).toContain('name="RQ1: Haasteet?"');
    expect(project).toContain('Kielitaito&#13;\nja sen puute');
  });

  it('counts selection positions in Unicode code points of the text, whatever the script, emoji or line ending', async () => {
    const { study } = await codedStudy();
    const files = unzip(await download(`/studies/${study}/export.qdpx`));
    const project = strFromU8(files['project.qde']);
    const selections = [...project.matchAll(/<TextSource guid="([^"]+)"[\s\S]*?<\/TextSource>/g)].flatMap(([source, guid]) => {
      const text = strFromU8(files[`sources/${guid}.txt`]);
      return [...source.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map(([, start, end]) =>
        [...text].slice(Number(start), Number(end)).join(''),
      );
    });
    expect(selections).toEqual(
      expect.arrayContaining([
        'on suurin este. Ёлка and العربية',
        'Kieli 😊 on suurin este.',
        'Palkkatuki auttaa.',
        'Yhteyshenkilö',
        'Tämä poistuu',
      ]),
    );
  });

  it('writes a QDC codebook valid against the standard’s codebook schema, and refuses an empty one with a reason', async () => {
    const { study } = await codedStudy();
    const qdc = strFromU8(await download(`/studies/${study}/codebook.qdc`));
    await expectValid(qdc, 'Codebook.xsd');
    expect(qdc).toContain('<Set guid=');
    const empty = (await as(anna, 'POST', '/studies', { title: 'Empty', researchQuestions: ['?'], status: 'planning' })).body.id;
    const refused = await as(anna, 'GET', `/studies/${empty}/codebook.qdc`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('study_codebook_empty');
  });

  it('leaves a withdrawn participant and their material out of every later export', async () => {
    const { study, p3 } = await codedStudy();
    const before = strFromU8(unzip(await download(`/studies/${study}/export.qdpx`))['project.qde']);
    expect(before).toContain('name="P03"');
    expect((await as(anna, 'POST', `/studies/${study}/participants/${p3}/withdrawal`, { withdrawnOn: '2026-04-01' })).status).toBe(204);
    const files = unzip(await download(`/studies/${study}/export.qdpx`));
    const after = strFromU8(files['project.qde']);
    expect(after).not.toContain('name="P03"');
    expect(Object.keys(files).filter((name) => name.startsWith('sources/'))).toHaveLength(2);
    expect(
      Object.values(files)
        .map((content) => strFromU8(content))
        .join(''),
    ).not.toContain('poistuu');
    await expectValid(after, 'Project-mrt2019.xsd');
  });
});

describe('REFI-QDA import', { timeout: 120_000 }, () => {
  it('export → import → export gives the same project', async () => {
    const { study } = await codedStudy();
    const first = await download(`/studies/${study}/export.qdpx`);
    const imported = await as(anna, 'POST', '/studies/imports', { fileName: 'project.qdpx', contentBase64: base64(first) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.notTaken).toEqual([]);
    expect(imported.body.taken).toMatchObject({
      participants: 3,
      transcripts: 3,
      codes: 4,
      segments: 5,
      memos: 3,
      researchQuestions: 2,
      coders: 2,
    });
    const second = await download(`/studies/${imported.body.studyId}/export.qdpx`);
    expect(canonical(second)).toEqual(canonical(first));
  });

  it('imports a QDPX made outside Polku into a new study, with a report of what it could not take', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const name of ['project.qde', ...fs.readdirSync(path.join(fixture, 'sources')).map((file) => `sources/${file}`)])
      files[name] = fs.readFileSync(path.join(fixture, name));
    const archive = zipSync(files);
    const imported = await as(anna, 'POST', '/studies/imports', { fileName: 'Employment interviews.qdpx', contentBase64: base64(archive) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.taken).toEqual({
      participants: 2,
      transcripts: 2,
      codes: 5,
      segments: 3,
      memos: 2,
      researchQuestions: 0,
      coders: 2,
    });
    expect(imported.body.notTaken).toEqual(
      expect.arrayContaining([
        { kind: 'variable', name: 'Years in job', count: 1 },
        { kind: 'organisation_type', name: 'Respondent B: Trade union', count: 1 },
        { kind: 'source_kind', name: 'Whiteboard.png (PictureSource)', count: 1 },
        { kind: 'selection_outside', name: 'Interview A.txt', count: 1 },
        { kind: 'note_unattached', name: '', count: 1 },
      ]),
    );
    const id = imported.body.studyId;
    const participants = (await as(anna, 'GET', `/studies/${id}/participants`)).body;
    expect(
      participants.map((p: { code: string; organisationType: string; region: string | null }) => [p.code, p.organisationType, p.region]),
    ).toEqual([
      ['P01', 'ngo', 'Varsinais-Suomi'],
      ['P02', 'other', null],
    ]);
    const codebook = (await as(anna, 'GET', `/studies/${id}/codebook`)).body.codes;
    expect(codebook.map((code: { name: string; color: string; segments: number }) => [code.name, code.color, code.segments])).toEqual([
      ['Barriers', '#1d70b8', 0],
      ['Language', '#eba9b0', 1],
      ['Support measures', '#00703c', 0],
      ['Wage subsidy', '#99ccee', 1],
      ['Contact person', '#81f7d8', 1],
    ]);
    // Positions count the carriage returns the file has and the emoji as one: the coded text is what the other tool coded.
    const matrix = (await as(anna, 'GET', `/studies/${id}/matrix`)).body;
    const barriers = matrix.themes.find((theme: { name: string }) => theme.name === 'Barriers').id;
    const cell = (await as(anna, 'GET', `/studies/${id}/matrix/cell?themeId=${barriers}&organisationType=ngo`)).body;
    expect(cell.segments.map((segment: { text: string }) => segment.text)).toEqual(['Language is the biggest barrier.']);
    const coders = (await as(anna, 'GET', `/studies/${id}/coders`)).body.map((coder: { name: string }) => coder.name);
    expect(coders).toEqual(['coder_anna', 'coder_ben']);
    // What was taken exports again as a valid project.
    await expectValid(strFromU8(unzip(await download(`/studies/${id}/export.qdpx`))['project.qde']), 'Project-mrt2019.xsd');
  });

  it('refuses a file that is not a QDPX with a translated reason, and creates no study', async () => {
    const count = async () => (await ctx.db.selectFrom('studies').select('id').execute()).length;
    const before = await count();
    for (const [fileName, content, code] of [
      ['project.qdpx', 'not a zip', 'study_import_not_qdpx'],
      ['project.qdpx', zipSync({ 'other.txt': new Uint8Array([65]) }), 'study_import_not_qdpx'],
      ['project.qdpx', zipSync({ 'project.qde': Buffer.from('<Project><Broken>') }), 'study_import_not_qdpx'],
      ['project.zip', zipSync({ 'project.qde': Buffer.from('<Project name="x"/>') }), 'study_import_not_qdpx'],
    ] as const) {
      const response = await as(anna, 'POST', '/studies/imports', { fileName, contentBase64: base64(content) });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).not.toBe(code);
    }
    expect(await count()).toBe(before);
  });

  it('adds a QDC codebook’s codes to a study, taking a code of the same name as that code and sets as themes of research questions', async () => {
    const { study } = await codedStudy();
    const qdc = strFromU8(await download(`/studies/${study}/codebook.qdc`));
    const target = (await as(anna, 'POST', '/studies', { title: 'Target', researchQuestions: ['A?', 'B?'], status: 'planning' })).body.id;
    await as(anna, 'POST', `/studies/${target}/codes`, {
      name: 'Esteet',
      description: null,
      color: '#00703c',
      parentId: null,
      researchQuestionId: null,
    });
    const imported = await as(anna, 'POST', `/studies/${target}/codebook.qdc`, { fileName: 'codes.qdc', contentBase64: base64(qdc) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toEqual({ codes: 3, notTaken: [{ kind: 'code_exists', name: 'Esteet', count: 1 }] });
    const codebook = (await as(anna, 'GET', `/studies/${target}/codebook`)).body;
    expect(codebook.codes.map((code: { name: string }) => code.name)).toEqual(['Esteet', 'Kieli', 'Palvelut', 'Palkkatuki']);
    const palvelut = codebook.codes.find((code: { name: string }) => code.name === 'Palvelut');
    expect(palvelut.researchQuestionId).toBe(codebook.researchQuestions[1].id);
    const bad = await as(anna, 'POST', `/studies/${target}/codebook.qdc`, {
      fileName: 'codes.qdc',
      contentBase64: base64('<CodeBook><Codes/></CodeBook>'),
    });
    expect(bad.body.error.code).toBe('study_import_not_qdc');
  });
});
