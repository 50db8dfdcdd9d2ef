import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, Field, TextAreaField } from '../../ui/form/fields.tsx';
import type { GuideResponse, GuideSave } from '#shared/api/study.ts';

type Guide = Shown<GuideResponse>;

/** The guide as the editor holds it: each item has a key of its own for React, and the id it has on the server (null when new). */
interface DraftQuestion {
  key: string;
  id: string | null;
  text: string;
  probes: Array<{ key: string; text: string }>;
  serves: string[];
}
interface DraftSection {
  key: string;
  id: string | null;
  title: string;
  questions: DraftQuestion[];
}

let nextKey = 0;
const newKey = () => `k${++nextKey}`;

const draftOf = (guide: Guide): DraftSection[] =>
  guide.sections.map((section) => ({
    key: newKey(),
    id: section.id,
    title: section.title,
    questions: section.questions.map((question) => ({
      key: newKey(),
      id: question.id,
      text: question.text,
      probes: question.probes.map((text) => ({ key: newKey(), text })),
      serves: question.serves,
    })),
  }));

/** Moves an item one place up (-1) or down (+1). */
function moved<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

/** Research questions named by their place: RQ1, RQ2… */
const rqLabels = (guide: Guide) => new Map(guide.researchQuestions.map((question) => [question.id, `RQ${question.position}`]));

export function GuidePage() {
  const { studyId, guideId } = useParams();
  const guide = useApiQuery<Guide>(`/studies/${studyId}/guides/${guideId}`);
  // Kept here: the editor starts afresh from each saved version, and the message outlives it.
  const [saved, setSaved] = useState(false);
  return (
    <Loaded query={guide}>
      {(data) => <GuideEditor key={data.version} guide={data} saved={saved} setSaved={setSaved} onSaved={() => void guide.refetch()} />}
    </Loaded>
  );
}

function GuideEditor({
  guide,
  saved,
  setSaved,
  onSaved,
}: {
  guide: Guide;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('study');
  const [title, setTitle] = useState(guide.title);
  const [sections, setSections] = useState<DraftSection[]>(() => draftOf(guide));
  const labels = rqLabels(guide);

  const changeSection = (s: number, change: (section: DraftSection) => DraftSection) =>
    setSections((list) => list.map((section, index) => (index === s ? change(section) : section)));
  const changeQuestion = (s: number, q: number, change: (question: DraftQuestion) => DraftQuestion) =>
    changeSection(s, (section) => ({
      ...section,
      questions: section.questions.map((question, index) => (index === q ? change(question) : question)),
    }));

  async function save() {
    setSaved(false);
    await api('PUT', `/studies/${guide.studyId}/guides/${guide.id}`, {
      title: title.trim(),
      version: guide.version,
      sections: sections.map((section) => ({
        id: section.id,
        title: section.title.trim(),
        questions: section.questions.map((question) => ({
          id: question.id,
          text: question.text.trim(),
          probes: question.probes.map((probe) => probe.text.trim()).filter(Boolean),
          serves: question.serves,
        })),
      })),
    } satisfies GuideSave);
    setSaved(true);
    onSaved();
  }

  const questionCount = sections.reduce((sum, section) => sum + section.questions.length, 0);
  return (
    <>
      <PageTitle>{guide.title}</PageTitle>
      <p>
        <Link to={`/studies/${guide.studyId}`}>{t('guide.back', { study: guide.studyTitle })}</Link>
        {' · '}
        <Link to={`/studies/${guide.studyId}/guides/${guide.id}/print`}>{t('guide.printable')}</Link>
      </p>
      <p className="muted">{t('guide.summary', { version: guide.version, sections: sections.length, questions: questionCount })}</p>
      {saved && <StatusMessage>{t('guide.saved')}</StatusMessage>}
      {!guide.canEdit ? (
        <GuideContent guide={guide} />
      ) : (
        <Form onSubmit={save} errorFields={{ study_guide_changed: 'guideTitle' }} className="guide-editor">
          <Field
            label={t('guide.title')}
            name="guideTitle"
            path="title"
            required
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            messages={{ required: t('guides.titleRequired') }}
          />
          <ol className="guide-sections">
            {sections.map((section, s) => (
              <li key={section.key} className="panel guide-section">
                <fieldset>
                  <legend>{t('guide.section', { number: s + 1 })}</legend>
                  <Field
                    label={t('guide.sectionTitle', { number: s + 1 })}
                    name={`s${s}.title`}
                    path={`sections.${s}.title`}
                    required
                    value={section.title}
                    onChange={(event) => changeSection(s, (current) => ({ ...current, title: event.target.value }))}
                    messages={{ required: t('guide.sectionTitleRequired', { number: s + 1 }) }}
                  />
                  <MoveButtons
                    what={t('guide.sectionNamed', { number: s + 1 })}
                    first={s === 0}
                    last={s === sections.length - 1}
                    onMove={(by) => setSections((list) => moved(list, s, by))}
                    onRemove={() => setSections((list) => list.filter((_, index) => index !== s))}
                  />
                  <ol className="guide-questions">
                    {section.questions.map((question, q) => {
                      const name = t('guide.questionNamed', { section: s + 1, number: q + 1 });
                      return (
                        <li key={question.key} className="guide-question">
                          <TextAreaField
                            label={t('guide.question', { section: s + 1, number: q + 1 })}
                            name={`s${s}.q${q}.text`}
                            path={`sections.${s}.questions.${q}.text`}
                            rows={2}
                            required
                            value={question.text}
                            onChange={(event) => changeQuestion(s, q, (current) => ({ ...current, text: event.target.value }))}
                            messages={{ required: t('guide.questionRequired', { section: s + 1, number: q + 1 }) }}
                          />
                          {question.probes.map((probe, p) => (
                            <div key={probe.key} className="guide-probe">
                              <Field
                                label={t('guide.probe', { number: p + 1, question: name })}
                                name={`s${s}.q${q}.p${p}`}
                                path={`sections.${s}.questions.${q}.probes.${p}`}
                                value={probe.text}
                                onChange={(event) =>
                                  changeQuestion(s, q, (current) => ({
                                    ...current,
                                    probes: current.probes.map((item, index) =>
                                      index === p ? { ...item, text: event.target.value } : item,
                                    ),
                                  }))
                                }
                              />
                              <button
                                type="button"
                                className="secondary"
                                onClick={() =>
                                  changeQuestion(s, q, (current) => ({
                                    ...current,
                                    probes: current.probes.filter((_, index) => index !== p),
                                  }))
                                }
                              >
                                {t('guide.removeProbe', { number: p + 1, question: name })}
                              </button>
                            </div>
                          ))}
                          <button
                            type="button"
                            className="secondary"
                            onClick={() =>
                              changeQuestion(s, q, (current) => ({ ...current, probes: [...current.probes, { key: newKey(), text: '' }] }))
                            }
                          >
                            {t('guide.addProbe', { question: name })}
                          </button>
                          {guide.researchQuestions.length > 0 && (
                            <fieldset className="guide-serves">
                              <legend>{t('guide.serves', { question: name })}</legend>
                              {guide.researchQuestions.map((rq) => (
                                <CheckboxField
                                  key={rq.id}
                                  name={`s${s}.q${q}.rq${rq.position}`}
                                  path={`sections.${s}.questions.${q}.serves`}
                                  label={`${labels.get(rq.id)}: ${rq.text}`}
                                  checked={question.serves.includes(rq.id)}
                                  onChange={(event) =>
                                    changeQuestion(s, q, (current) => ({
                                      ...current,
                                      serves: event.target.checked
                                        ? guide.researchQuestions
                                            .map((item) => item.id)
                                            .filter((id) => id === rq.id || current.serves.includes(id))
                                        : current.serves.filter((id) => id !== rq.id),
                                    }))
                                  }
                                />
                              ))}
                            </fieldset>
                          )}
                          <MoveButtons
                            what={name}
                            first={q === 0}
                            last={q === section.questions.length - 1}
                            onMove={(by) => changeSection(s, (current) => ({ ...current, questions: moved(current.questions, q, by) }))}
                            onRemove={() =>
                              changeSection(s, (current) => ({
                                ...current,
                                questions: current.questions.filter((_, index) => index !== q),
                              }))
                            }
                          />
                        </li>
                      );
                    })}
                  </ol>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      changeSection(s, (current) => ({
                        ...current,
                        questions: [...current.questions, { key: newKey(), id: null, text: '', probes: [], serves: [] }],
                      }))
                    }
                  >
                    {t('guide.addQuestion', { number: s + 1 })}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <div className="button-group">
            <button
              type="button"
              className="secondary"
              onClick={() => setSections((list) => [...list, { key: newKey(), id: null, title: '', questions: [] }])}
            >
              {t('guide.addSection')}
            </button>
            <SubmitButton>{t('guide.save')}</SubmitButton>
          </div>
        </Form>
      )}
    </>
  );
}

/** Up, down and remove for one section or question; each button names what it moves, for screen readers. */
function MoveButtons({
  what,
  first,
  last,
  onMove,
  onRemove,
}: {
  what: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('study');
  return (
    <div className="button-group">
      {!first && (
        <button type="button" className="secondary" onClick={() => onMove(-1)}>
          {t('guide.moveUp', { what })}
        </button>
      )}
      {!last && (
        <button type="button" className="secondary" onClick={() => onMove(1)}>
          {t('guide.moveDown', { what })}
        </button>
      )}
      <button type="button" className="secondary" onClick={onRemove}>
        {t('guide.remove', { what })}
      </button>
    </div>
  );
}

/** The guide to read: sections, their questions with probes, and the research questions each serves. */
function GuideContent({ guide }: { guide: Guide }) {
  const { t } = useTranslation('study');
  const labels = rqLabels(guide);
  return (
    <div className="guide-content">
      {guide.sections.map((section, s) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>
            {s + 1}. {section.title}
          </h2>
          <ol>
            {section.questions.map((question) => (
              <li key={question.id}>
                <p>{question.text}</p>
                {question.probes.length > 0 && (
                  <ul className="guide-probes" aria-label={t('guide.probes')}>
                    {question.probes.map((probe, p) => (
                      <li key={p}>{probe}</li>
                    ))}
                  </ul>
                )}
                {question.serves.length > 0 && (
                  <p className="muted">{t('guide.servesList', { list: question.serves.map((id) => labels.get(id)).join(', ') })}</p>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** The guide for the interviewer, to print: the research questions first, then the sections. */
export function GuidePrintPage() {
  const { t } = useTranslation('study');
  const { studyId, guideId } = useParams();
  const guide = useApiQuery<Guide>(`/studies/${studyId}/guides/${guideId}`);
  return (
    <Loaded query={guide}>
      {(data) => (
        <article className="printable-guide">
          <PageTitle>{data.title}</PageTitle>
          <p className="no-print">
            <Link to={`/studies/${data.studyId}/guides/${data.id}`}>{t('guide.backToGuide')}</Link>{' '}
            <button type="button" onClick={() => window.print()}>
              {t('guide.print')}
            </button>
          </p>
          <p>{t('guide.printHeader', { study: data.studyTitle, version: data.version })}</p>
          <h2>{t('fields.researchQuestions')}</h2>
          <ol>
            {data.researchQuestions.map((question) => (
              <li key={question.id}>
                <strong>RQ{question.position}</strong> {question.text}
              </li>
            ))}
          </ol>
          <GuideContent guide={data} />
        </article>
      )}
    </Loaded>
  );
}
