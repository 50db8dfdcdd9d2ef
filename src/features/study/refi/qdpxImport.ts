import { randomUUID } from 'node:crypto';
import { strFromU8 } from 'fflate';
import { AppError } from '../../../core/errors.ts';
import { translate } from '../../../core/i18n/i18n.ts';
import { languages } from '../../../core/languages.ts';
import { CONTROL_CHARACTER } from '../../../core/textRules.ts';
import type { Who } from '../../../core/record/access.ts';
import type { AppContext } from '../../../server/context.ts';
import { auditStudy } from '../service.ts';
import { sealText } from '../transcriptStore.ts';
import { codePointLength } from '../positions.ts';
import { organisationTypes } from '../participantKinds.ts';
import { protectedContext } from '../../../core/crypto/protectedColumns.ts';
import { caseVariables } from './model.ts';
import { childrenOf, guidKey, parseXml, textOf, unpackQdpx, type Node } from './parse.ts';

/** What an import could not take, each with what it concerns: shown to the researcher, translated by kind. */
export type NotTaken = { kind: string; name: string; count: number };

export interface ImportReport {
  studyId: string;
  taken: {
    participants: number;
    transcripts: number;
    codes: number;
    segments: number;
    memos: number;
    researchQuestions: number;
    coders: number;
  };
  notTaken: NotTaken[];
}

const palette = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#d53880', '#28a197'];
/** A colour as Polku keeps it (#rrggbb); #rgb is widened, anything else gets one of Polku's colours. */
export function colourOf(given: string | undefined, index: number) {
  const value = (given ?? '').trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(value)) return value;
  if (/^#[0-9a-f]{3}$/.test(value)) return `#${[...value.slice(1)].map((c) => c + c).join('')}`;
  return palette[index % palette.length];
}

/** Names and memos lose control characters; a name is cut to what Polku keeps. */
const clean = (text: string, max: number) => text.replace(new RegExp(CONTROL_CHARACTER.source, 'gu'), '').trim().slice(0, max);

/** A variable of the case, by any of the names Polku gives it in its three languages, or by its English words. */
function variableOf(name: string): (typeof caseVariables)[number] | null {
  const wanted = name.trim().toLowerCase();
  for (const variable of caseVariables) {
    const names = [
      variable.toLowerCase(),
      ...languages.map((language) => translate(language, `study.exchange.variables.${variable}`).toLowerCase()),
    ];
    if (variable === 'organisationType') names.push('organisation type', 'organization type');
    if (names.includes(wanted)) return variable;
  }
  return null;
}

function organisationTypeOf(value: string): (typeof organisationTypes)[number] | null {
  const wanted = value.trim().toLowerCase();
  for (const type of organisationTypes)
    if (type === wanted || languages.some((language) => translate(language, `study.organisationTypes.${type}`).toLowerCase() === wanted))
      return type;
  return null;
}

/**
 * Imports a QDPX made by Polku or another tool (NVivo, ATLAS.ti, MAXQDA, QualCoder…) into a new study,
 * all or nothing. It takes users as coders, the codebook with its hierarchy, colours and descriptions,
 * cases as participants (with organisation type, role and region), text sources with their coded
 * selections (positions in code points of the text as the file holds it), notes on codes, selections
 * and sources as memos, and sets named "RQn: …" as research questions with their themes. Whatever it
 * cannot take (other kinds of sources, other variables, sets, links, graphs, notes on nothing) is
 * listed in the report.
 */
export async function importQdpx(ctx: AppContext, who: Who, bytes: Uint8Array): Promise<ImportReport> {
  const files = unpackQdpx(bytes);
  const qde = files.get('project.qde');
  const project = qde ? parseXml(strFromU8(qde).replace(/^\uFEFF/, ''), 'Project') : null;
  if (!project) throw new AppError(400, 'study_import_not_qdpx');
  const notTaken: NotTaken[] = [];
  const skip = (kind: string, name = '', count = 1) => {
    const same = notTaken.find((item) => item.kind === kind && item.name === name);
    if (same) same.count += count;
    else notTaken.push({ kind, name, count });
  };
  const fileText = (path: string | undefined) => {
    const name = (path ?? '').replace(/^internal:\/\//i, '').toLowerCase();
    const content = files.get(`sources/${name}`) ?? files.get(name);
    return content ? strFromU8(content).replace(/^\uFEFF/, '') : null;
  };

  const notes = new Map<string, string>();
  for (const note of childrenOf(project, 'Notes', 'Note')) {
    const text = textOf(note, 'PlainTextContent') ?? fileText(note.attributes.plainTextPath);
    if (text !== null && clean(text, 20000)) notes.set(guidKey(note.attributes.guid), clean(text, 20000));
  }
  const usedNotes = new Set<string>();
  const memoOf = (node: Node, description = '') => {
    const texts = [clean(description, 20000)];
    for (const ref of childrenOf(node, 'NoteRef')) {
      const text = notes.get(guidKey(ref.attributes.targetGUID));
      if (text) {
        texts.push(text);
        usedNotes.add(guidKey(ref.attributes.targetGUID));
      }
    }
    return texts.filter(Boolean).join('\n\n') || null;
  };

  const studyId = randomUUID();
  const coders = new Map<string, { id: string; name: string }>();
  for (const user of childrenOf(project, 'Users', 'User'))
    coders.set(guidKey(user.attributes.guid), {
      id: randomUUID(),
      name: clean(user.attributes.name ?? user.attributes.id ?? '', 200) || guidKey(user.attributes.guid).slice(0, 8),
    });
  const importer = { id: randomUUID(), name: '' };

  const codes: Array<{
    id: string;
    parent: string | null;
    position: number;
    name: string;
    description: string | null;
    color: string;
    createdAt: Date;
    memo: string | null;
  }> = [];
  const codeIds = new Map<string, string>();
  const walk = (nodes: Node[], parent: string | null) =>
    nodes.forEach((node, index) => {
      const id = randomUUID();
      codeIds.set(guidKey(node.attributes.guid), id);
      const description = textOf(node, 'Description');
      codes.push({
        id,
        parent,
        position: index + 1,
        name: clean(node.attributes.name ?? '', 200) || '?',
        description: description ? clean(description, 4000) || null : null,
        color: colourOf(node.attributes.color, codes.length),
        createdAt: new Date(),
        memo: memoOf(node),
      });
      walk(node.children.Code ?? [], id);
    });
  walk(childrenOf(project, 'CodeBook', 'Codes', 'Code'), null);

  const variables = new Map<string, (typeof caseVariables)[number]>();
  for (const variable of childrenOf(project, 'Variables', 'Variable')) {
    const known = variableOf(variable.attributes.name ?? '');
    if (known) variables.set(guidKey(variable.attributes.guid), known);
    else skip('variable', clean(variable.attributes.name ?? '', 200));
  }

  const participants: Array<{
    id: string;
    code: string;
    organisationType: string;
    role: string | null;
    region: string | null;
    sources: string[];
  }> = [];
  const usedCodes = new Set<string>();
  for (const node of childrenOf(project, 'Cases', 'Case')) {
    const name = clean(node.attributes.name ?? '', 50);
    const values: Record<string, string> = {};
    for (const value of childrenOf(node, 'VariableValue')) {
      const variable = variables.get(guidKey(childrenOf(value, 'VariableRef')[0]?.attributes.targetGUID));
      const text = textOf(value, 'TextValue');
      if (variable && text !== null) values[variable] = clean(text, 200);
    }
    let organisationType = values.organisationType ? organisationTypeOf(values.organisationType) : null;
    if (!organisationType) {
      skip('organisation_type', `${name}${values.organisationType ? `: ${values.organisationType}` : ''}`);
      organisationType = 'other';
    }
    const code = /^P\d{1,4}$/.test(name) && !usedCodes.has(name) ? name : null;
    if (code) usedCodes.add(code);
    participants.push({
      id: randomUUID(),
      code: code ?? '',
      organisationType,
      role: values.role || null,
      region: values.region || null,
      sources: childrenOf(node, 'SourceRef').map((ref) => guidKey(ref.attributes.targetGUID)),
    });
    if (childrenOf(node, 'SelectionRef').length || childrenOf(node, 'CodeRef').length) skip('case_links', name);
  }
  let next = 0;
  for (const participant of participants) {
    if (participant.code) continue;
    do next++;
    while (usedCodes.has(`P${String(next).padStart(2, '0')}`));
    participant.code = `P${String(next).padStart(2, '0')}`;
    usedCodes.add(participant.code);
  }

  const transcripts: Array<{
    id: string;
    name: string;
    text: string;
    length: number;
    participant: string | null;
    createdAt: Date;
    memo: string | null;
  }> = [];
  const segments: Array<{
    id: string;
    transcript: string;
    coder: string;
    start: number;
    end: number;
    quotation: boolean;
    createdAt: Date;
    codes: string[];
    memo: string | null;
  }> = [];
  const sources = childrenOf(project, 'Sources')[0];
  for (const [kind, nodes] of Object.entries(sources?.children ?? {})) {
    if (kind !== 'TextSource') {
      for (const node of nodes) skip('source_kind', `${clean(node.attributes.name ?? '', 200)} (${kind})`);
      continue;
    }
    for (const node of nodes) {
      const name = clean(node.attributes.name ?? '', 300) || '?';
      const text = textOf(node, 'PlainTextContent') ?? fileText(node.attributes.plainTextPath);
      if (text === null || CONTROL_CHARACTER.test(text)) {
        skip('source_text', name);
        continue;
      }
      const id = randomUUID();
      const length = codePointLength(text);
      const participant = participants.find((item) => item.sources.includes(guidKey(node.attributes.guid)));
      const created = Date.parse(node.attributes.creationDateTime ?? '');
      transcripts.push({
        id,
        name,
        text,
        length,
        participant: participant?.id ?? null,
        createdAt: Number.isNaN(created) ? new Date() : new Date(created),
        memo: memoOf(node, textOf(node, 'Description') ?? ''),
      });
      if (childrenOf(node, 'Coding').length) skip('source_coding', name, childrenOf(node, 'Coding').length);
      for (const selection of childrenOf(node, 'PlainTextSelection')) {
        const start = Number(selection.attributes.startPosition);
        const end = Number(selection.attributes.endPosition);
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
          skip('selection_outside', name);
          continue;
        }
        // One segment per coder of the selection: each coder's codes are theirs, for agreement between them.
        const byCoder = new Map<string, string[]>();
        for (const coding of childrenOf(selection, 'Coding')) {
          const codeId = codeIds.get(guidKey(childrenOf(coding, 'CodeRef')[0]?.attributes.targetGUID));
          if (!codeId) {
            skip('coding_unknown_code', name);
            continue;
          }
          const user = guidKey(coding.attributes.creatingUser ?? selection.attributes.creatingUser);
          const coder = coders.get(user)?.id ?? importer.id;
          if (!byCoder.has(coder)) byCoder.set(coder, []);
          if (!byCoder.get(coder)!.includes(codeId)) byCoder.get(coder)!.push(codeId);
        }
        if (byCoder.size === 0) {
          skip('selection_uncoded', name);
          continue;
        }
        const at = Date.parse(selection.attributes.creationDateTime ?? '');
        const memo = memoOf(selection, textOf(selection, 'Description') ?? '');
        for (const [coder, codeList] of byCoder)
          segments.push({
            id: randomUUID(),
            transcript: id,
            coder,
            start,
            end,
            quotation: languages.some((language) => selection.attributes.name === translate(language, 'study.exchange.quotation')),
            createdAt: Number.isNaN(at) ? new Date() : new Date(at),
            codes: codeList,
            memo,
          });
      }
    }
  }

  const researchQuestions: Array<{ id: string; position: number; text: string; themes: string[] }> = [];
  for (const set of childrenOf(project, 'Sets', 'Set')) {
    const match = /^RQ(\d+)\s*:\s*([\s\S]*)$/.exec(set.attributes.name ?? '');
    if (!match) {
      skip('set', clean(set.attributes.name ?? '', 200));
      continue;
    }
    researchQuestions.push({
      id: randomUUID(),
      position: Number(match[1]),
      text: clean(textOf(set, 'Description') ?? match[2], 2000),
      themes: childrenOf(set, 'MemberCode')
        .map((member) => codeIds.get(guidKey(member.attributes.targetGUID)))
        .filter((id): id is string => id !== undefined && codes.some((code) => code.id === id && code.parent === null)),
    });
  }
  researchQuestions.sort((a, b) => a.position - b.position).forEach((question, index) => (question.position = index + 1));
  for (const kind of ['Links', 'Graphs'] as const)
    for (const item of childrenOf(project, kind, kind.slice(0, -1)))
      skip(kind.toLowerCase().slice(0, -1), clean(item.attributes.name ?? '', 200));
  for (const guid of notes.keys()) if (!usedNotes.has(guid)) skip('note_unattached');
  if (childrenOf(project, 'NoteRef').length) skip('project_note', '', childrenOf(project, 'NoteRef').length);

  const account = await ctx.db.selectFrom('accounts').select('display_name').where('id', '=', who.actor.id).executeTakeFirstOrThrow();
  importer.name = account.display_name;
  const usedCoders = new Set(segments.map((segment) => segment.coder));
  let taken: ImportReport['taken'] | undefined;
  const title = clean(project.attributes.name ?? '', 300) || translate('fi', 'study.exchange.untitled');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('studies')
      .values({
        id: studyId,
        title,
        ethics_reference: null,
        data_location: null,
        retain_until: null,
        status: 'analysing',
        created_by: who.actor.id,
      })
      .execute();
    await trx.insertInto('study_team').values({ study_id: studyId, account_id: who.actor.id }).execute();
    if (researchQuestions.length)
      await trx
        .insertInto('study_research_questions')
        .values(
          researchQuestions.map((question) => ({
            id: question.id,
            study_id: studyId,
            position: question.position,
            text: question.text || '?',
          })),
        )
        .execute();
    for (const code of codes)
      await trx
        .insertInto('study_codes')
        .values({
          id: code.id,
          study_id: studyId,
          parent_id: code.parent,
          position: code.position,
          name: code.name,
          description: code.description,
          color: code.color,
          research_question_id: code.parent ? null : (researchQuestions.find((question) => question.themes.includes(code.id))?.id ?? null),
        })
        .execute();
    const coderRows = [...coders.values(), importer].filter((coder) => usedCoders.has(coder.id) || (coder !== importer && coders.size > 0));
    for (const coder of coderRows)
      await trx
        .insertInto('study_coders')
        .values({ id: coder.id, study_id: studyId, account_id: coder === importer ? who.actor.id : null, name: coder.name })
        .execute();
    for (const participant of participants)
      await trx
        .insertInto('study_participants')
        .values({
          id: participant.id,
          study_id: studyId,
          code: participant.code,
          organisation_type: participant.organisationType,
          role: participant.role,
          region: participant.region,
        })
        .execute();
    for (const transcript of transcripts)
      await trx
        .insertInto('study_transcripts')
        .values({
          id: transcript.id,
          study_id: studyId,
          interview_id: null,
          participant_id: transcript.participant,
          name: transcript.name,
          content: sealText(ctx, transcript.id, transcript.text),
          length: transcript.length,
          imported_from: 'qdpx',
          created_by: who.actor.id,
          created_at: transcript.createdAt,
        })
        .execute();
    for (const segment of segments) {
      await trx
        .insertInto('study_segments')
        .values({
          id: segment.id,
          transcript_id: segment.transcript,
          coder_id: segment.coder,
          start_position: segment.start,
          end_position: segment.end,
          quotation: segment.quotation,
          created_at: segment.createdAt,
        })
        .execute();
      await trx
        .insertInto('study_segment_codes')
        .values(segment.codes.map((code) => ({ segment_id: segment.id, code_id: code })))
        .execute();
    }
    const memo = async (column: 'code_id' | 'segment_id' | 'transcript_id', target: string, text: string | null) => {
      if (!text) return 0;
      const id = randomUUID();
      await trx
        .insertInto('study_memos')
        .values({
          id,
          study_id: studyId,
          [column]: target,
          body: ctx.cipher.encrypt(text, protectedContext('study_memos', 'body', id)),
          written_by: who.actor.id,
          updated_at: new Date(),
        })
        .execute();
      return 1;
    };
    let memos = 0;
    for (const code of codes) memos += await memo('code_id', code.id, code.memo);
    for (const transcript of transcripts) memos += await memo('transcript_id', transcript.id, transcript.memo);
    // A selection coded by several coders is several segments; its memo goes with the first.
    const memoed = new Set<string>();
    for (const segment of segments) {
      const key = `${segment.transcript}:${segment.start}:${segment.end}:${segment.memo}`;
      if (segment.memo && !memoed.has(key)) {
        memoed.add(key);
        memos += await memo('segment_id', segment.id, segment.memo);
      }
    }
    const report = {
      participants: participants.length,
      transcripts: transcripts.length,
      codes: codes.length,
      segments: segments.length,
      memos,
      researchQuestions: researchQuestions.length,
      coders: coderRows.length,
    };
    await auditStudy(trx, ctx, who, 'studies.exchange.import', studyId, {
      origin: clean(project.attributes.origin ?? '', 200),
      taken: report,
      notTaken: notTaken.map(({ kind, count }) => ({ kind, count })),
    });
    taken = report;
  });
  return { studyId, taken: taken!, notTaken };
}
