import { translate, type Language } from '../../core/i18n/i18n.ts';

/**
 * The employment study's interview guide (seed 000: introduction and consent; current situation;
 * challenges; needs and opportunities; closing) as a template. Its words are in the locale files
 * (`study.template.*`, fi, sv and en); here its shape: the sections in order, each question's
 * probes, and which research question (1: challenges and gaps, 2: measures and services needed)
 * each question serves, by the question's position in the study.
 */
interface TemplateQuestion {
  key: string;
  probes: number;
  serves: number[];
}

const template: Array<{ key: string; questions: TemplateQuestion[] }> = [
  { key: 'intro', questions: [{ key: 'q1', probes: 2, serves: [] }] },
  {
    key: 'current',
    questions: [
      { key: 'q1', probes: 0, serves: [1] },
      { key: 'q2', probes: 0, serves: [1] },
      { key: 'q3', probes: 1, serves: [1, 2] },
      { key: 'q4', probes: 2, serves: [1] },
      { key: 'q5', probes: 1, serves: [1] },
    ],
  },
  {
    key: 'challenges',
    questions: [
      { key: 'q1', probes: 1, serves: [1] },
      { key: 'q2', probes: 0, serves: [1] },
      { key: 'q3', probes: 0, serves: [1] },
      { key: 'q4', probes: 0, serves: [1] },
      { key: 'q5', probes: 0, serves: [1, 2] },
    ],
  },
  {
    key: 'needs',
    questions: [
      { key: 'q1', probes: 2, serves: [2] },
      { key: 'q2', probes: 0, serves: [1, 2] },
      { key: 'q3', probes: 0, serves: [2] },
      { key: 'q4', probes: 0, serves: [2] },
      { key: 'q5', probes: 0, serves: [2] },
      { key: 'q6', probes: 1, serves: [2] },
      { key: 'q7', probes: 0, serves: [2] },
    ],
  },
  {
    key: 'closing',
    questions: [
      { key: 'q1', probes: 0, serves: [] },
      { key: 'q2', probes: 0, serves: [] },
    ],
  },
];

export interface TemplateSection {
  title: string;
  questions: Array<{ text: string; probes: string[]; serves: number[] }>;
}

/** The template's sections in one language; `serves` names research questions by position (1, 2). */
export function guideTemplate(language: Language): TemplateSection[] {
  const words = (key: string) => translate(language, `study.template.${key}`);
  return template.map((section) => ({
    title: words(`${section.key}.title`),
    questions: section.questions.map((question) => ({
      text: words(`${section.key}.${question.key}`),
      probes: Array.from({ length: question.probes }, (_, index) => words(`${section.key}.${question.key}_p${index + 1}`)),
      serves: question.serves,
    })),
  }));
}

/** The seed's two research questions, for the demo installation and a new study's first draft. */
export const seedResearchQuestions = (language: Language) => [
  translate(language, 'study.template.rq1'),
  translate(language, 'study.template.rq2'),
];
