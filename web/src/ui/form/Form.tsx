import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { parseDay, parseTime } from '../../lib/forms.ts';
import { ConfirmPanel, type Confirmation } from '../Confirm.tsx';

/**
 * Forms as the GOV.UK Design System's error pattern has them: on a wrong or empty submit, a summary
 * at the top titled "There is a problem" takes focus and lists one plain message per field, each a
 * link that moves to its field; the field shows the same message beside it. Nothing is sent while
 * the browser can already tell what is missing; what only the server can tell (a date in the future,
 * a record changed meanwhile) arrives as the API's details and is shown the same way.
 */

/** A problem a field can have: a schema keyword the server names (`required`, `maxLength`…), one of its rules, or the form's own. */
export type Problem = string;
/** Per field, what to say for a problem, in the person's words; anything not said here gets the generic sentence with the label. */
export type Messages = Partial<Record<Problem, string>>;

/** How the form checks a field before sending. */
export type FieldKind = 'text' | 'choice' | 'checkbox' | 'day' | 'instant' | 'wholeNumber';

export interface FieldRegistration {
  /** The name the form data holds it by. */
  name: string;
  /** The API's path of the value (`person.name`); the details the server sends are matched to it and below it. */
  path: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  messages?: Messages;
}

export interface FormProblem {
  /** The field's id, to link to; none for a problem of the whole form. */
  fieldId?: string;
  message: string;
}

/**
 * The words a form and its fields show besides those they are given (the summary's title, "Error:",
 * "Choose…", the hints of dates, the generic sentences `form.problems.*`): keys under `form.`. The
 * staff app's come from `common`; a page that does not load `common` (the public help page, in its
 * eleven languages) gives its own.
 */
export interface FormWords {
  t: (key: string, options?: Record<string, unknown>) => string;
  /** Whether a key has words: a problem without them falls back to the field's `invalid` message. */
  exists: (key: string) => boolean;
}

interface FormState {
  idFor: (name: string) => string;
  words: FormWords;
  errorFor: (name: string) => string | undefined;
  register: (field: FieldRegistration) => () => void;
  sending: boolean;
}

const FormContext = createContext<FormState | null>(null);

/** The form a field is in, if any: fields also work alone (then they take their error as a prop). */
export const useFormState = () => useContext(FormContext);

/** The staff app's form words, from `common`. */
function useCommonWords(): FormWords {
  const { t, i18n } = useTranslation();
  return { t: (key, options) => t(key, options), exists: (key) => i18n.exists(`common:${key}`) };
}

/** The form words a field shows: its form's, or the staff app's outside a form. */
export function useFormWords(): FormWords['t'] {
  const form = useFormState();
  const common = useCommonWords();
  return (form?.words ?? common).t;
}

const idSafe = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * A problem as listed: its message when found, and what it was (the field's problem, the server's
 * sentence, a refusal by code), so the message is said again in the person's words when they change
 * (the help page's language switched after a wrong submit).
 */
type Listed = FormProblem & { name?: string; problem?: Problem; fallback?: string; byCode?: boolean };

interface FormProps {
  /** Sends the form; an ApiError it throws is shown as the form's problems. */
  onSubmit: (data: FormData, form: HTMLFormElement) => Promise<unknown> | unknown;
  /** Checks across fields that the browser can make before sending (a period's end after its start). */
  check?: (data: FormData) => Array<{ name: string; problem: Problem }>;
  /**
   * Refusals of the server that concern one field without naming it (a password too common, a
   * current password that does not match): the error code → the field's name. The server's
   * message is shown at that field.
   */
  errorFields?: Record<string, string>;
  /**
   * For an action that cannot be undone: what to ask before sending, from the answers given (or
   * null when this submit needs no confirmation). The form is sent only after "confirm".
   */
  confirm?: (data: FormData) => Confirmation | null;
  children: ReactNode;
  className?: string;
  /** The form's own words, when the page does not load the staff app's `common` namespace. */
  words?: FormWords;
  /** The form's accessible name, when a page has several. */
  'aria-labelledby'?: string;
}

export function Form({ onSubmit, check, errorFields, confirm, children, className, words: given, ...rest }: FormProps) {
  const common = useCommonWords();
  const { t, exists } = given ?? common;
  const prefix = useId();
  const fields = useRef(new Map<string, FieldRegistration>());
  const summary = useRef<HTMLDivElement>(null);
  const [problems, setProblems] = useState<Listed[]>([]);
  const [, setRevision] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [confirming, setConfirming] = useState<{ confirmation: Confirmation; element: HTMLFormElement } | null>(null);

  const idFor = (name: string) => `${prefix}-${idSafe(name)}`;

  // Each wrong submit moves focus to the summary, so it is read out and in view on a phone too.
  useEffect(() => {
    if (attempt > 0 && problems.length > 0) {
      summary.current?.focus();
      summary.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [attempt, problems.length]);

  const sentence = (field: FieldRegistration | undefined, problem: Problem, fallback?: string): string => {
    if (field?.messages?.[problem]) return field.messages[problem]!;
    const key =
      field && problem === 'required' && field.kind !== 'text' ? `form.problems.required_${field.kind}` : `form.problems.${problem}`;
    if (field && exists(key)) return t(key, { label: field.label });
    if (field && field.messages?.invalid) return field.messages.invalid;
    return fallback ?? t('form.problems.invalid', { label: field?.label ?? '' });
  };

  /** What the browser can tell before sending: empty required fields, dates and numbers that are none. */
  function browserProblems(data: FormData): Array<{ name: string; problem: Problem }> {
    const found: Array<{ name: string; problem: Problem }> = [];
    for (const field of fields.current.values()) {
      const value = (suffix = '') => String(data.get(field.name + suffix) ?? '').trim();
      const empty =
        field.kind === 'instant' ? !value('.day') && !value('.time') : field.kind === 'checkbox' ? !data.get(field.name) : !value();
      if (empty) {
        if (field.required) found.push({ name: field.name, problem: 'required' });
        continue;
      }
      if (field.kind === 'day' && !parseDay(value())) found.push({ name: field.name, problem: 'day' });
      if (field.kind === 'instant' && (!parseDay(value('.day')) || !parseTime(value('.time'))))
        found.push({ name: field.name, problem: 'instant' });
      if (field.kind === 'wholeNumber' && !/^\d+$/.test(value().replace(/\p{Nd}/gu, '0')))
        found.push({ name: field.name, problem: 'wholeNumber' });
    }
    return [...found, ...(check?.(data) ?? [])];
  }

  /** The server's details, one per field: the field whose path is the detail's or above it. */
  function serverProblems(error: ApiError): Listed[] {
    const codeField = fields.current.get(errorFields?.[error.problem.code] ?? '');
    if (codeField && !error.problem.details)
      return [
        {
          name: codeField.name,
          fieldId: idFor(codeField.name),
          problem: error.problem.code,
          byCode: true,
          fallback: error.message,
          message: codeField.messages?.[error.problem.code] ?? error.message,
        },
      ];
    const byField = new Map<string, Listed>();
    const loose: FormProblem[] = [];
    for (const detail of error.problem.details ?? []) {
      const field = [...fields.current.values()]
        .filter((candidate) => detail.field === candidate.path || detail.field.startsWith(`${candidate.path}.`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (!field) {
        loose.push({ message: exists(`form.problems.${detail.problem}`) || given ? t('form.unmatched') : detail.message });
        continue;
      }
      // An answer that is missing says so; other lines about the same field are its consequences.
      const current = byField.get(field.name);
      if (!current || detail.problem === 'required')
        byField.set(field.name, {
          name: field.name,
          fieldId: idFor(field.name),
          problem: detail.problem,
          fallback: detail.message,
          message: sentence(field, detail.problem, detail.message),
        });
    }
    const listed = [
      ...byField.values(),
      ...loose.filter((problem, index) => loose.findIndex((other) => other.message === problem.message) === index),
    ];
    return listed.length > 0 ? listed : [{ message: error.message }];
  }

  /** In the order the fields are on the page, as the summary should read. */
  const inPageOrder = (list: Listed[]) =>
    [...list].sort((a, b) => {
      const first = a.fieldId ? document.getElementById(a.fieldId) : null;
      const second = b.fieldId ? document.getElementById(b.fieldId) : null;
      if (!first || !second) return first ? -1 : second ? 1 : 0;
      return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const element = event.currentTarget;
    const data = new FormData(element);
    const found = browserProblems(data);
    setAttempt((count) => count + 1);
    if (found.length > 0) {
      setConfirming(null);
      setProblems(
        inPageOrder(
          found
            .filter((problem, index) => found.findIndex((other) => other.name === problem.name) === index)
            .map(({ name, problem }) => ({ name, fieldId: idFor(name), problem, message: sentence(fields.current.get(name), problem) })),
        ),
      );
      return;
    }
    setProblems([]);
    const confirmation = confirm?.(data);
    if (confirmation) setConfirming({ confirmation, element });
    else await send(element);
  }

  async function send(element: HTMLFormElement) {
    setSending(true);
    try {
      // Read again: an answer may have changed while the confirmation was open.
      await onSubmit(new FormData(element), element);
      setConfirming(null);
    } catch (caught) {
      setConfirming(null);
      setAttempt((count) => count + 1);
      setProblems(
        caught instanceof ApiError
          ? inPageOrder(serverProblems(caught))
          : [{ message: caught instanceof Error ? caught.message : String(caught) }],
      );
    } finally {
      setSending(false);
    }
  }

  // Said in the words of this render: a field registers its messages again when they change.
  const shown = problems.map((listed) => {
    const field = listed.name ? fields.current.get(listed.name) : undefined;
    if (!field || !listed.problem) return listed;
    const message = listed.byCode ? (field.messages?.[listed.problem] ?? listed.message) : sentence(field, listed.problem, listed.fallback);
    return { ...listed, message };
  });

  const state: FormState = {
    idFor,
    words: given ?? common,
    errorFor: (name) => shown.find((problem) => problem.name === name)?.message,
    register: (field) => {
      fields.current.set(field.name, field);
      // A field with a problem shown registers new words (another language): say the problem again.
      if (problems.some((problem) => problem.name === field.name)) setRevision((revision) => revision + 1);
      return () => fields.current.delete(field.name);
    },
    sending,
  };

  return (
    <FormContext.Provider value={state}>
      <form onSubmit={submit} noValidate className={className} {...rest}>
        <ErrorSummary ref={summary} problems={shown} title={t('form.thereIsAProblem')} />
        {children}
        {confirming && (
          <ConfirmPanel
            {...confirming.confirmation}
            busy={sending}
            onConfirm={() => void send(confirming.element)}
            onBack={() => {
              setConfirming(null);
              confirming.element.querySelector<HTMLElement>('[type="submit"]')?.focus();
            }}
          />
        )}
      </form>
    </FormContext.Provider>
  );
}

/** The summary at the top of a form: each problem a link that moves focus to its field. */
function ErrorSummary({ problems, title, ref }: { problems: FormProblem[]; title: string; ref: React.Ref<HTMLDivElement> }) {
  const headingId = useId();
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby={headingId}>
      <div role="alert">
        <h2 id={headingId}>{title}</h2>
        <ul>
          {problems.map((problem) => (
            <li key={problem.fieldId ?? problem.message}>
              {problem.fieldId ? (
                <a
                  href={`#${problem.fieldId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(problem.fieldId!);
                  }}
                >
                  {problem.message}
                </a>
              ) : (
                problem.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Moves to a field with its label or legend in view, as GOV.UK's summary links do (the address bar is not changed). */
function focusField(id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  const input = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea');
  const caption = target.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (caption ?? target).scrollIntoView?.({ block: 'start' });
  input?.focus({ preventScroll: true });
}

/** The submit button: it says when the form is being sent and cannot be pressed twice. */
export function SubmitButton({ children, className }: { children: ReactNode; className?: string }) {
  const form = useFormState();
  return (
    <button type="submit" className={className} aria-disabled={form?.sending || undefined}>
      {children}
    </button>
  );
}
