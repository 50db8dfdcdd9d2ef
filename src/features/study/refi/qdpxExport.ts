import { strToU8, zipSync } from 'fflate';
import type { Language } from '../../../core/i18n/i18n.ts';
import { translate } from '../../../core/i18n/i18n.ts';
import { caseVariables, variableName, type ExchangeStudy } from './model.ts';
import { dateTime, derivedGuid, el, textEl, writeXml, type Element } from './xml.ts';

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/**
 * The codebook as REFI-QDA nests it: each code with its description, (in a project) a reference to its
 * memo, and its sub-codes. Every code can be coded.
 */
function codeElements(data: ExchangeStudy, parent: string | null, withNotes: boolean): Element[] {
  return data.codes
    .filter((code) => code.parent_id === parent)
    .map((code) => {
      const memo = withNotes ? data.memos.find((row) => row.code_id === code.id) : undefined;
      return el('Code', { guid: code.id, name: code.name, isCodable: true, color: code.color }, [
        code.description ? textEl('Description', code.description) : null,
        memo ? el('NoteRef', { targetGUID: memo.id }) : null,
        ...codeElements(data, code.id, withNotes),
      ]);
    });
}

/** Research questions travel as sets of codes (their themes), named "RQ1: …", which every tool shows as a code set. */
function researchQuestionSets(data: ExchangeStudy, member: 'MemberCode', attribute: 'guid' | 'targetGUID') {
  return data.researchQuestions.map((question) =>
    el('Set', { guid: question.id, name: `RQ${question.position}: ${question.text}`.slice(0, 1000) }, [
      textEl('Description', question.text),
      ...data.codes
        .filter((code) => code.parent_id === null && code.research_question_id === question.id)
        .map((code) => el(member, { [attribute]: code.id })),
    ]),
  );
}

/** The file name of a transcript inside the archive: its GUID, as the standard asks, with the .txt extension. */
export const sourceFile = (transcriptId: string) => `${transcriptId}.txt`;

/**
 * project.qde of a QDPX (REFI-QDA Project 1.0): users (the coders), the codebook, the case variables,
 * participants as cases, transcripts as text sources with their coded selections, memos as notes, and
 * research questions as sets of themes. Positions are code points of the text as stored.
 */
export function projectXml(data: ExchangeStudy, language: Language): string {
  const variableGuid = (variable: string) => derivedGuid(data.study.id, 'variable', variable);
  const codingGuid = (segmentId: string, codeId: string) => derivedGuid(segmentId, codeId);
  const noteOf = (column: 'segment_id' | 'transcript_id', id: string) => data.memos.find((memo) => memo[column] === id);
  const cases = data.participants.map((participant) => {
    const values = {
      organisationType: translate(language, `study.organisationTypes.${participant.organisation_type}`),
      role: participant.role,
      region: participant.region,
    };
    return el('Case', { guid: participant.id, name: participant.code }, [
      ...caseVariables.map((variable) =>
        values[variable] === null
          ? null
          : el('VariableValue', {}, [el('VariableRef', { targetGUID: variableGuid(variable) }), textEl('TextValue', values[variable]!)]),
      ),
      ...data.transcripts.filter((row) => row.participant_id === participant.id).map((row) => el('SourceRef', { targetGUID: row.id })),
    ]);
  });
  const sources = data.transcripts.map((transcript) => {
    const memo = noteOf('transcript_id', transcript.id);
    return el(
      'TextSource',
      {
        guid: transcript.id,
        name: transcript.name,
        plainTextPath: `internal://${sourceFile(transcript.id)}`,
        creationDateTime: dateTime(transcript.created_at),
      },
      [
        ...data.segments
          .filter((segment) => segment.transcript_id === transcript.id)
          .map((segment) => {
            const note = noteOf('segment_id', segment.id);
            return el(
              'PlainTextSelection',
              {
                guid: segment.id,
                name: segment.quotation ? translate(language, 'study.exchange.quotation') : undefined,
                startPosition: segment.start_position,
                endPosition: segment.end_position,
                creatingUser: segment.coder_id,
                creationDateTime: dateTime(segment.created_at),
              },
              [
                ...segment.codeIds.map((codeId) =>
                  el('Coding', { guid: codingGuid(segment.id, codeId), creatingUser: segment.coder_id }, [
                    el('CodeRef', { targetGUID: codeId }),
                  ]),
                ),
                note ? el('NoteRef', { targetGUID: note.id }) : null,
              ],
            );
          }),
        memo ? el('NoteRef', { targetGUID: memo.id }) : null,
      ],
    );
  });
  const notes = [
    ...data.codes.map((code) => data.memos.find((memo) => memo.code_id === code.id)),
    ...data.transcripts.flatMap((transcript) => [
      noteOf('transcript_id', transcript.id),
      ...data.segments.filter((segment) => segment.transcript_id === transcript.id).map((segment) => noteOf('segment_id', segment.id)),
    ]),
  ]
    .filter((memo) => memo !== undefined)
    .map((memo) =>
      el('Note', { guid: memo.id, name: translate(language, 'study.exchange.memo') }, [textEl('PlainTextContent', memo.text)]),
    );
  const sets = researchQuestionSets(data, 'MemberCode', 'targetGUID');
  return writeXml(
    el('Project', { xmlns: PROJECT_NS, name: data.study.title, origin: 'Polku' }, [
      data.coders.length
        ? el(
            'Users',
            {},
            data.coders.map((coder) => el('User', { guid: coder.id, name: coder.name })),
          )
        : null,
      data.codes.length ? el('CodeBook', {}, [el('Codes', {}, codeElements(data, null, true))]) : null,
      el(
        'Variables',
        {},
        caseVariables.map((variable) =>
          el('Variable', { guid: variableGuid(variable), name: variableName(language, variable), typeOfVariable: 'Text' }),
        ),
      ),
      cases.length ? el('Cases', {}, cases) : null,
      sources.length ? el('Sources', {}, sources) : null,
      notes.length ? el('Notes', {}, notes) : null,
      sets.length ? el('Sets', {}, sets) : null,
    ]),
  );
}

/** The QDPX archive: project.qde and each transcript as UTF-8 text under sources/ (the folder name the standard gives). */
export function qdpxArchive(data: ExchangeStudy, language: Language): Uint8Array {
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(projectXml(data, language)) };
  for (const transcript of data.transcripts) files[`sources/${sourceFile(transcript.id)}`] = strToU8(transcript.text);
  // A fixed time for every entry: the same study gives the same bytes.
  return zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') });
}

/** A QDC codebook (REFI-QDA Codebook): the codes, and the research questions as sets of their themes. */
export function codebookXml(data: Pick<ExchangeStudy, 'codes' | 'researchQuestions' | 'memos'>): string {
  const sets = researchQuestionSets(data as ExchangeStudy, 'MemberCode', 'guid');
  return writeXml(
    el('CodeBook', { xmlns: CODEBOOK_NS, origin: 'Polku' }, [
      el('Codes', {}, codeElements(data as ExchangeStudy, null, false)),
      sets.length ? el('Sets', {}, sets) : null,
    ]),
  );
}
