import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { formChecked, formCode, formCodeOrNull, formText, formTextOrNull } from '../../lib/forms.ts';
import type { CodeHitsInput, CodeInput, CodebookResponse, SearchResponse } from '#shared/api/study.ts';
import { MemoForm, pathName } from './TranscriptPage.tsx';

type Codebook = Shown<CodebookResponse>;
type Code = Codebook['codes'][number];

/** The codebook: codes in their hierarchy, themes with the research question each answers; adding, changing, moving, merging; searching the transcripts. */
export function CodebookPage() {
  const { t } = useTranslation('study');
  const { studyId } = useParams();
  const codebook = useApiQuery<Codebook>(`/studies/${studyId}/codebook`);
  const [status, setStatus] = useState<string | null>(null);
  const done = (message: string) => {
    setStatus(message);
    void codebook.refetch();
  };
  return (
    <Loaded query={codebook}>
      {(data) => (
        <>
          <PageTitle>{t('codebook.title', { study: data.studyTitle })}</PageTitle>
          <p>
            <Link to={`/studies/${data.studyId}`}>{t('guide.back', { study: data.studyTitle })}</Link>
          </p>
          {status && <StatusMessage>{status}</StatusMessage>}
          {data.codes.length === 0 ? (
            <p>{t('codebook.none')}</p>
          ) : (
            <ul className="codebook">
              {data.codes.map((code) => (
                <li key={code.id} style={{ marginInlineStart: `${depth(data, code) * 1.5}rem` }}>
                  <span className="code-swatch" style={{ backgroundColor: code.color }} aria-hidden="true" />
                  <strong>{code.name}</strong>{' '}
                  <span className="muted">
                    {t('codebook.segments', { count: code.segments })}
                    {code.researchQuestionId ? ` · ${rqLabel(data, code.researchQuestionId)}` : ''}
                  </span>
                  {code.description && <p>{code.description}</p>}
                  {code.memo && <p className="preserve muted">{code.memo}</p>}
                  {data.canEdit && (
                    <details>
                      <summary>{t('codebook.change', { code: code.name })}</summary>
                      <CodeForm codebook={data} code={code} onDone={() => done(t('codebook.changed', { code: code.name }))} />
                      <MergeForm codebook={data} code={code} onDone={() => done(t('codebook.merged', { code: code.name }))} />
                      <MemoForm
                        base={`/studies/${data.studyId}`}
                        target="code"
                        targetId={code.id}
                        memo={code.memo}
                        label={t('memos.code', { code: code.name })}
                        onDone={() => done(t('memos.saved'))}
                      />
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
          {data.canEdit && (
            <section className="panel narrow" aria-labelledby="new-code">
              <h2 id="new-code">{t('codebook.new')}</h2>
              <CodeForm codebook={data} code={null} onDone={() => done(t('codebook.added'))} />
            </section>
          )}
          <Search codebook={data} onCoded={(count) => done(t('search.coded', { count }))} />
        </>
      )}
    </Loaded>
  );
}

const depth = (codebook: Codebook, code: Code) => {
  let level = 0;
  for (let at = code.parentId; at; at = codebook.codes.find((item) => item.id === at)?.parentId ?? null) level++;
  return level;
};
const rqLabel = (codebook: Codebook, id: string) =>
  `RQ${codebook.researchQuestions.find((question) => question.id === id)?.position ?? '?'}`;

const colours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#d53880', '#28a197'] as const;

function CodeForm({ codebook, code, onDone }: { codebook: Codebook; code: Code | null; onDone: () => void }) {
  const { t } = useTranslation('study');
  async function save(form: FormData, element: HTMLFormElement) {
    const body = {
      name: formText(form, 'name'),
      description: formTextOrNull(form, 'description'),
      color: formCode(form, 'color'),
      parentId: formCodeOrNull(form, 'parentId'),
      researchQuestionId: formCodeOrNull(form, 'researchQuestionId'),
    } satisfies CodeInput;
    if (code) await api('PUT', `/studies/${codebook.studyId}/codes/${code.id}`, body);
    else await api('POST', `/studies/${codebook.studyId}/codes`, body);
    if (!code) element.reset();
    onDone();
  }
  return (
    <Form onSubmit={save}>
      <Field
        name="name"
        label={t('codebook.name')}
        required
        defaultValue={code?.name}
        autoComplete="off"
        messages={{ required: t('codebook.nameRequired') }}
      />
      <TextAreaField name="description" label={t('codebook.description')} rows={2} defaultValue={code?.description ?? ''} />
      <SelectField
        name="color"
        label={t('codebook.colour')}
        required
        defaultValue={code?.color ?? colours[0]}
        options={[...new Set([...(code ? [code.color] : []), ...colours])].map((colour) => ({
          value: colour,
          label: t(`codebook.colours.${colour.slice(1)}`, { defaultValue: colour }),
        }))}
      />
      <SelectField
        name="parentId"
        label={t('codebook.parent')}
        hint={t('codebook.parentHint')}
        defaultValue={code?.parentId ?? ''}
        options={codebook.codes
          .filter((item) => item.id !== code?.id)
          .map((item) => ({ value: item.id, label: pathName(codebook, item.id) }))}
      />
      <SelectField
        name="researchQuestionId"
        label={t('codebook.researchQuestion')}
        hint={t('codebook.researchQuestionHint')}
        defaultValue={code?.researchQuestionId ?? ''}
        options={codebook.researchQuestions.map((question) => ({ value: question.id, label: `RQ${question.position}: ${question.text}` }))}
      />
      <SubmitButton>{code ? t('codebook.save') : t('codebook.add')}</SubmitButton>
    </Form>
  );
}

function MergeForm({ codebook, code, onDone }: { codebook: Codebook; code: Code; onDone: () => void }) {
  const { t } = useTranslation('study');
  return (
    <Form
      onSubmit={async (form) => {
        await api('POST', `/studies/${codebook.studyId}/codes/${code.id}/merge`, { intoId: formCode(form, 'intoId') });
        onDone();
      }}
      confirm={() => ({
        title: t('codebook.mergeConfirmTitle', { code: code.name }),
        body: <p>{t('codebook.mergeConfirmBody')}</p>,
        confirmLabel: t('codebook.merge', { code: code.name }),
      })}
    >
      <SelectField
        name="intoId"
        label={t('codebook.mergeInto', { code: code.name })}
        required
        options={codebook.codes
          .filter((item) => item.id !== code.id)
          .map((item) => ({ value: item.id, label: pathName(codebook, item.id) }))}
        messages={{ required: t('codebook.mergeIntoRequired') }}
      />
      <SubmitButton>{t('codebook.merge', { code: code.name })}</SubmitButton>
    </Form>
  );
}

/** Searching every transcript for a word or phrase; the hits can be coded at once. */
function Search({ codebook, onCoded }: { codebook: Codebook; onCoded: (count: number) => void }) {
  const { t } = useTranslation('study');
  const [hits, setHits] = useState<{ text: string; list: Shown<SearchResponse> } | null>(null);
  return (
    <section className="panel" aria-labelledby="search-heading">
      <h2 id="search-heading">{t('search.title')}</h2>
      <Form
        onSubmit={async (form) => {
          const text = formText(form, 'text');
          setHits({ text, list: await api<Shown<SearchResponse>>('POST', `/studies/${codebook.studyId}/search`, { text }) });
        }}
      >
        <Field name="text" label={t('search.text')} required autoComplete="off" messages={{ required: t('search.textRequired') }} />
        <SubmitButton>{t('search.search')}</SubmitButton>
      </Form>
      {hits && (
        <>
          <p role="status">{t('search.found', { count: hits.list.length, text: hits.text })}</p>
          <ol>
            {hits.list.map((hit) => (
              <li key={`${hit.transcriptId}-${hit.start}`}>
                <Link to={`/studies/${codebook.studyId}/transcripts/${hit.transcriptId}`}>{hit.participantCode ?? hit.name}</Link>: …
                {hit.before}
                <mark>{hit.match}</mark>
                {hit.after}…
              </li>
            ))}
          </ol>
          {codebook.canEdit && hits.list.length > 0 && codebook.codes.length > 0 && (
            <Form
              onSubmit={async (form) => {
                const coded = await api<{ coded: number }>('POST', `/studies/${codebook.studyId}/search/code`, {
                  text: hits.text,
                  codeIds: codebook.codes.filter((item) => formChecked(form, `hit-${item.id}`)).map((item) => item.id),
                } satisfies CodeHitsInput);
                setHits(null);
                onCoded(coded.coded);
              }}
              check={(data) =>
                codebook.codes.some((item) => formChecked(data, `hit-${item.id}`))
                  ? []
                  : [{ name: `hit-${codebook.codes[0].id}`, problem: 'codes' }]
              }
            >
              <fieldset>
                <legend>{t('search.codeHits', { count: hits.list.length })}</legend>
                {codebook.codes.map((item) => (
                  <CheckboxField
                    key={item.id}
                    name={`hit-${item.id}`}
                    path="codeIds"
                    label={pathName(codebook, item.id)}
                    messages={{ codes: t('coding.chooseCode') }}
                  />
                ))}
              </fieldset>
              <SubmitButton>{t('search.code')}</SubmitButton>
            </Form>
          )}
        </>
      )}
    </section>
  );
}
