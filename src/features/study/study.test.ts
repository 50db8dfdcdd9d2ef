import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { injectJson, makeAccounts, sessionFor, type TestAccount } from '../../../test/support/factories.ts';
import { installDemo } from '../demo/index.ts';
import { guideTemplate } from './guideTemplate.ts';
import { languages } from '../../core/languages.ts';

let ctx: TestContext;
let app: FastifyInstance;
let anna: TestAccount;
let bertil: TestAccount;
let director: TestAccount;
let caseworker: TestAccount;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  [anna, bertil, director, caseworker] = await makeAccounts(ctx, 'researcher', 'researcher', 'director', 'caseworker');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const as = async (account: TestAccount, method: string, url: string, body?: unknown) =>
  injectJson(app, method, `/api/v1${url}`, await sessionFor(ctx, account.id), body);

const newStudy = {
  title: 'Employment of victims',
  researchQuestions: ['What challenges?', 'What services?'],
  ethicsReference: 'TUKIJA 12/2026',
  dataLocation: 'Secure drive',
  retainUntil: '2031-12-31',
  status: 'planning',
};

async function createStudy(account = anna) {
  const created = await as(account, 'POST', '/studies', newStudy);
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const auditActions = async (studyId: string) =>
  (await ctx.db.selectFrom('audit_log').select(['action', 'outcome', 'details']).orderBy('seq').execute()).filter(
    (row) => (row.details as { studyId?: string } | null)?.studyId === studyId,
  );

describe('studies', () => {
  it('a researcher creates a study, is on its team, and every read and change is audited', async () => {
    const id = await createStudy();
    const read = await as(anna, 'GET', `/studies/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      title: 'Employment of victims',
      ethicsReference: 'TUKIJA 12/2026',
      dataLocation: 'Secure drive',
      retainUntil: '2031-12-31',
      status: 'planning',
      canEdit: true,
      team: [{ id: anna.id }],
      guides: [],
    });
    expect(read.body.researchQuestions.map((question: { position: number; text: string }) => [question.position, question.text])).toEqual([
      [1, 'What challenges?'],
      [2, 'What services?'],
    ]);
    expect((await auditActions(id)).map((row) => row.action)).toEqual(['studies.create', 'studies.read']);
  });

  it('a researcher not on the team is refused the study and does not see it listed; the refusal is logged', async () => {
    const id = await createStudy();
    expect((await as(bertil, 'GET', `/studies/${id}`)).status).toBe(403);
    expect((await as(bertil, 'PUT', `/studies/${id}/team`, { accountIds: [bertil.id] })).status).toBe(403);
    const listed = await as(bertil, 'GET', '/studies');
    expect(listed.body.map((study: { id: string }) => study.id)).not.toContain(id);
    const refusals = await auditActions(id);
    expect(refusals.filter((row) => row.outcome === 'denied').map((row) => row.action)).toContain('studies.read');
  });

  it('the director reads every study but changes none; a caseworker reaches no study', async () => {
    const id = await createStudy();
    const read = await as(director, 'GET', `/studies/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    expect((await as(director, 'GET', '/studies')).body.map((study: { id: string }) => study.id)).toContain(id);
    expect((await as(director, 'PUT', `/studies/${id}`, { ...newStudy, researchQuestions: [{ id: null, text: 'x' }] })).status).toBe(403);
    expect((await as(caseworker, 'GET', `/studies/${id}`)).status).toBe(403);
    expect((await as(caseworker, 'GET', '/studies')).status).toBe(403);
  });

  it('the team takes researchers only; a researcher added reaches the study', async () => {
    const id = await createStudy();
    const wrong = await as(anna, 'PUT', `/studies/${id}/team`, { accountIds: [anna.id, director.id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ field: 'accountIds.1' })]);
    expect((await as(bertil, 'GET', `/studies/${id}`)).status).toBe(403);
    expect((await as(anna, 'PUT', `/studies/${id}/team`, { accountIds: [anna.id, bertil.id] })).status).toBe(204);
    expect((await as(bertil, 'GET', `/studies/${id}`)).status).toBe(200);
    expect((await as(bertil, 'GET', '/studies')).body.map((study: { id: string }) => study.id)).toContain(id);
    const researchers = await as(anna, 'GET', '/studies/researchers');
    expect(researchers.body.map((researcher: { id: string }) => researcher.id)).toEqual(expect.arrayContaining([anna.id, bertil.id]));
    expect(researchers.body.map((researcher: { id: string }) => researcher.id)).not.toContain(director.id);
  });

  it('changing the research questions keeps the ones kept, with their links to guide questions', async () => {
    const id = await createStudy();
    const guide = await as(anna, 'POST', `/studies/${id}/guides`, { title: 'Guide', language: 'en', fromTemplate: true });
    const before = (await as(anna, 'GET', `/studies/${id}`)).body.researchQuestions;
    const changed = await as(anna, 'PUT', `/studies/${id}`, {
      ...newStudy,
      status: 'collecting',
      researchQuestions: [
        { id: before[1].id, text: 'What services, reworded?' },
        { id: null, text: 'A third question' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('collecting');
    expect(changed.body.researchQuestions.map((question: { id: string; position: number }) => [question.id, question.position])).toEqual([
      [before[1].id, 1],
      [expect.any(String), 2],
    ]);
    const sections = (await as(anna, 'GET', `/studies/${id}/guides/${guide.body.id}`)).body.sections;
    const links = sections.flatMap((section: { questions: Array<{ serves: string[] }> }) =>
      section.questions.flatMap((question) => question.serves),
    );
    expect(new Set(links)).toEqual(new Set([before[1].id]));
  });

  it('bad input changes nothing and is answered with a translated 400', async () => {
    const id = await createStudy();
    const empty = await as(anna, 'POST', '/studies', { ...newStudy, title: '', researchQuestions: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['researchQuestions', 'title']);
    const foreign = await as(anna, 'PUT', `/studies/${id}`, {
      ...newStudy,
      researchQuestions: [{ id: '00000000-0000-4000-8000-000000000000', text: 'x' }],
    });
    expect(foreign.status).toBe(400);
    expect((await as(anna, 'GET', `/studies/${id}`)).body.researchQuestions).toHaveLength(2);
    expect((await as(anna, 'GET', '/studies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('interview guides', () => {
  it('the template exists in Finnish, Swedish and English with the same shape and no missing words', () => {
    const shapes = languages.map((language) =>
      guideTemplate(language).map((section) => section.questions.map((question) => [question.probes.length, question.serves])),
    );
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    for (const language of languages)
      for (const section of guideTemplate(language)) {
        for (const text of [section.title, ...section.questions.flatMap((question) => [question.text, ...question.probes])])
          expect(text, language).not.toMatch(/^study\.template\./);
      }
    expect(guideTemplate('fi').map((section) => section.title)).toEqual([
      'Johdatus aiheeseen ja suostumus',
      'Nykytilanne',
      'Haasteet',
      'Tarpeet tai mahdollisuudet',
      'Lopetus',
    ]);
  });

  it('a guide from the template has its sections, questions and probes in order, linked to RQ1 and RQ2', async () => {
    const id = await createStudy();
    const created = await as(anna, 'POST', `/studies/${id}/guides`, { title: 'Intervjuguide', language: 'sv', fromTemplate: true });
    expect(created.status).toBe(201);
    const guide = (await as(anna, 'GET', `/studies/${id}/guides/${created.body.id}`)).body;
    expect(guide).toMatchObject({ title: 'Intervjuguide', language: 'sv', version: 1, canEdit: true });
    expect(guide.sections.map((section: { title: string }) => section.title)).toEqual(guideTemplate('sv').map((section) => section.title));
    const [rq1, rq2] = guide.researchQuestions.map((question: { id: string }) => question.id);
    const challenges = guide.sections[2];
    expect(challenges.questions[0].probes).toHaveLength(1);
    expect(challenges.questions[0].serves).toEqual([rq1]);
    expect(guide.sections[3].questions[0].serves).toEqual([rq2]);
    expect(guide.sections[3].questions[0].probes).toEqual(['Tystnadsplikt?', 'Finns det samarbete kring fenomenet i bredare bemärkelse?']);
    expect(guide.sections[4].questions.every((question: { serves: string[] }) => question.serves.length === 0)).toBe(true);
  });

  it('saving reorders, renames, adds and removes, keeps the ids of what stays, and raises the version', async () => {
    const id = await createStudy();
    const created = await as(anna, 'POST', `/studies/${id}/guides`, { title: 'Guide', language: 'en', fromTemplate: false });
    const empty = (await as(anna, 'GET', `/studies/${id}/guides/${created.body.id}`)).body;
    expect(empty.sections).toEqual([]);
    const [rq1, rq2] = empty.researchQuestions.map((question: { id: string }) => question.id);
    const first = await as(anna, 'PUT', `/studies/${id}/guides/${created.body.id}`, {
      title: 'Guide v2',
      version: 1,
      sections: [
        {
          id: null,
          title: 'Opening',
          questions: [
            { id: null, text: 'Your work?', probes: ['Since when?'], serves: [rq1] },
            { id: null, text: 'Clients?', probes: [], serves: [] },
          ],
        },
        { id: null, title: 'Needs', questions: [{ id: null, text: 'What helps?', probes: [], serves: [rq1, rq2] }] },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const [opening, needs] = first.body.sections;
    const second = await as(anna, 'PUT', `/studies/${id}/guides/${created.body.id}`, {
      title: 'Guide v3',
      version: 2,
      sections: [
        { id: needs.id, title: 'Needs and opportunities', questions: [{ ...needs.questions[0], serves: [rq2] }, opening.questions[1]] },
        { id: opening.id, title: 'Opening', questions: [] },
      ],
    });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(3);
    expect(second.body.sections.map((section: { id: string; title: string }) => [section.id, section.title])).toEqual([
      [needs.id, 'Needs and opportunities'],
      [opening.id, 'Opening'],
    ]);
    expect(second.body.sections[0].questions.map((question: { id: string; serves: string[] }) => [question.id, question.serves])).toEqual([
      [needs.questions[0].id, [rq2]],
      [opening.questions[1].id, []],
    ]);
    const removed = await ctx.db.selectFrom('study_guide_questions').select('id').where('id', '=', opening.questions[0].id).execute();
    expect(removed).toEqual([]);
  });

  it('a save from an older version, or naming what is not in the guide, is refused and changes nothing', async () => {
    const id = await createStudy();
    const otherStudy = await createStudy();
    const created = await as(anna, 'POST', `/studies/${id}/guides`, { title: 'Guide', language: 'fi', fromTemplate: true });
    const url = `/studies/${id}/guides/${created.body.id}`;
    const guide = (await as(anna, 'GET', url)).body;
    const stale = await as(anna, 'PUT', url, { title: 'Stale', version: 7, sections: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('study_guide_changed');
    const otherRq = (await as(anna, 'GET', `/studies/${otherStudy}`)).body.researchQuestions[0].id;
    const foreign = await as(anna, 'PUT', url, {
      title: 'Foreign',
      version: 1,
      sections: [{ id: null, title: 'S', questions: [{ id: null, text: 'Q', probes: [], serves: [otherRq] }] }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([expect.objectContaining({ field: 'sections.0.questions.0.serves.0' })]);
    expect((await as(anna, 'GET', url)).body).toEqual(guide);
    expect((await as(anna, 'GET', `/studies/${otherStudy}/guides/${created.body.id}`)).status).toBe(404);
    expect((await as(bertil, 'GET', url)).status).toBe(403);
  });
});

describe('participants and consent', () => {
  const participant = {
    organisationType: 'employment_office',
    role: 'Employment counsellor',
    region: 'Uusimaa',
    name: 'Päivi Testinen',
    contact: 'paivi@example.fi',
  };
  const consent = {
    informationSheetVersion: '1.2',
    formVersion: '1.1',
    givenOn: '2026-03-02',
    method: 'written',
    recording: true,
    quotations: true,
    archiving: false,
    reuse: false,
  };

  it('a participant gets the next code; the name and contact are sealed apart, never listed, opened only by the team and audited', async () => {
    const id = await createStudy();
    const first = await as(anna, 'POST', `/studies/${id}/participants`, participant);
    const second = await as(anna, 'POST', `/studies/${id}/participants`, {
      ...participant,
      name: null,
      contact: null,
      organisationType: 'ngo',
    });
    expect([first.status, first.body.code, second.status, second.body.code]).toEqual([201, 'P01', 201, 'P02']);
    const stored = await ctx.db.selectFrom('study_participant_identities').selectAll().execute();
    expect(stored.map((row) => row.id)).toEqual([first.body.id]);
    expect(JSON.stringify(stored)).not.toMatch(/Päivi|example\.fi/);
    expect(stored[0].name).toMatch(/^enc1:/);
    const list = await as(anna, 'GET', `/studies/${id}/participants`);
    expect(list.body.map((row: { code: string; identityKept: boolean }) => [row.code, row.identityKept])).toEqual([
      ['P01', true],
      ['P02', false],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/Päivi|example\.fi/);
    expect((await as(anna, 'GET', `/studies/${id}/participants/${first.body.id}/identity`)).body).toEqual({
      name: 'Päivi Testinen',
      contact: 'paivi@example.fi',
    });
    expect((await as(director, 'GET', `/studies/${id}/participants/${first.body.id}/identity`)).status).toBe(403);
    expect((await as(bertil, 'GET', `/studies/${id}/participants/${first.body.id}/identity`)).status).toBe(403);
    expect((await auditActions(id)).map((row) => row.action)).toEqual(expect.arrayContaining(['studies.participants.identity']));
  });

  it('consent records which sheet and form, when, how and its scope; the latest shows', async () => {
    const id = await createStudy();
    const added = await as(anna, 'POST', `/studies/${id}/participants`, participant);
    const url = `/studies/${id}/participants/${added.body.id}/consents`;
    expect((await as(anna, 'POST', url, consent)).status).toBe(204);
    expect((await as(anna, 'POST', url, { ...consent, formVersion: '2.0', archiving: true })).status).toBe(204);
    const [row] = (await as(anna, 'GET', `/studies/${id}/participants`)).body;
    expect(row.consent).toMatchObject({ ...consent, formVersion: '2.0', archiving: true });
    const future = await as(anna, 'POST', url, { ...consent, givenOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([expect.objectContaining({ field: 'givenOn', problem: 'not_in_future' })]);
    expect(await ctx.db.selectFrom('study_consents').select('id').where('participant_id', '=', added.body.id).execute()).toHaveLength(2);
  });

  it('withdrawal erases the name and contact, records what, when and by whom without content, and nothing more can be recorded', async () => {
    const id = await createStudy();
    const added = await as(anna, 'POST', `/studies/${id}/participants`, participant);
    const base = `/studies/${id}/participants/${added.body.id}`;
    await as(anna, 'POST', `${base}/consents`, consent);
    expect((await as(anna, 'POST', `${base}/withdrawal`, { withdrawnOn: '2026-04-01' })).status).toBe(204);
    expect(await ctx.db.selectFrom('study_participant_identities').select('id').where('id', '=', added.body.id).execute()).toEqual([]);
    const [row] = (await as(anna, 'GET', `/studies/${id}/participants`)).body;
    expect(row.withdrawal).toEqual({
      withdrawnOn: '2026-04-01',
      recordedAt: expect.any(String),
      recordedBy: 'Test researcher',
      removed: { transcripts: 0, codings: 0, quotations: 0, memos: 0, identity: 1 },
    });
    expect(row.identityKept).toBe(false);
    expect((await as(anna, 'POST', `${base}/withdrawal`, { withdrawnOn: '2026-04-01' })).body.error.code).toBe(
      'study_participant_withdrawn',
    );
    expect((await as(anna, 'POST', `${base}/consents`, consent)).status).toBe(409);
    const audited = (await auditActions(id)).find((entry) => entry.action === 'studies.participants.withdraw');
    expect(JSON.stringify(audited)).not.toMatch(/Päivi|example\.fi/);
    // The code is not given again.
    expect((await as(anna, 'POST', `/studies/${id}/participants`, participant)).body.code).toBe('P02');
  });

  it('a participant of another study, a bad organisation type or a researcher off the team changes nothing', async () => {
    const id = await createStudy();
    const other = await createStudy();
    const added = await as(anna, 'POST', `/studies/${id}/participants`, participant);
    expect((await as(anna, 'POST', `/studies/${other}/participants/${added.body.id}/consents`, consent)).status).toBe(404);
    expect((await as(anna, 'POST', `/studies/${id}/participants`, { ...participant, organisationType: 'bank' })).status).toBe(400);
    expect((await as(bertil, 'POST', `/studies/${id}/participants`, participant)).status).toBe(403);
    expect((await as(bertil, 'GET', `/studies/${id}/participants`)).status).toBe(403);
    expect(await ctx.db.selectFrom('study_participants').select('id').where('study_id', '=', id).execute()).toHaveLength(1);
  });
});

describe('the demo installation', () => {
  it('holds the employment study with the seed’s two research questions and its guide, the two demo researchers on its team', async () => {
    const demo = await createTestContext();
    try {
      await demo.db.deleteFrom('organisations').execute();
      await demo.db.deleteFrom('offices').execute();
      await installDemo(demo);
      const study = await demo.db.selectFrom('studies').selectAll().executeTakeFirstOrThrow();
      const questions = await demo.db
        .selectFrom('study_research_questions')
        .select('text')
        .where('study_id', '=', study.id)
        .orderBy('position')
        .execute();
      expect(questions.map((question) => question.text)).toEqual([
        expect.stringMatching(/^Minkälaisia haasteita tai rakenteellisia puutteita/),
        expect.stringMatching(/^Minkälaisia työllistymistä tukevia toimia/),
      ]);
      const team = await demo.db
        .selectFrom('study_team')
        .innerJoin('accounts', 'accounts.id', 'study_team.account_id')
        .select('accounts.username')
        .where('study_id', '=', study.id)
        .execute();
      expect(team.map((member) => member.username).sort()).toEqual(['tutkija2@polku.demo', 'tutkija@polku.demo']);
      expect(await demo.db.selectFrom('study_guides').select('language').where('study_id', '=', study.id).execute()).toEqual([
        { language: 'fi' },
      ]);
    } finally {
      await demo.close();
    }
    // The demo installs an invented register of 1,500 people too.
  }, 180_000);
});
