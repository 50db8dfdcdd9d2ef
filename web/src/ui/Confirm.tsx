import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The step before an action that cannot be undone (ending assistance, disabling an account): what
 * will happen, said plainly, and two buttons, the action named again and "Go back". Focus moves to
 * the question, so a screen reader hears it; going back returns focus to where the person was.
 */
export interface Confirmation {
  /** The question: "End assistance for Maria K.?" */
  title: string;
  /** What will happen, and what will not: the consequences the person must know before choosing. */
  body: ReactNode;
  /** The action named again on its button: "End assistance". */
  confirmLabel: string;
}

interface ConfirmPanelProps extends Confirmation {
  onConfirm: () => void;
  onBack: () => void;
  busy?: boolean;
}

export function ConfirmPanel({ title, body, confirmLabel, onConfirm, onBack, busy }: ConfirmPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  return (
    <section className="confirm-panel" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <div className="confirm-body">{body}</div>
      <div className="button-group">
        <button type="button" className="warning-button" onClick={onConfirm} aria-disabled={busy || undefined}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t('goBack')}
        </button>
      </div>
    </section>
  );
}

interface ConfirmActionProps {
  /** The button that starts it: "Disable account". */
  label: string;
  /** Names what the button acts on for a screen reader, when the visible label alone is ambiguous in a list. */
  'aria-label'?: string;
  confirmation: Confirmation;
  onConfirm: () => Promise<unknown>;
  className?: string;
}

/** A button whose action cannot be undone: pressing it asks first, in a ConfirmPanel; a refusal is shown there. */
export function ConfirmAction({ label, confirmation, onConfirm, className, ...rest }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  async function confirm() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (caught) {
      setProblem(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }
  if (!open)
    return (
      <button type="button" ref={opener} className={className ?? 'secondary'} onClick={() => setOpen(true)} aria-label={rest['aria-label']}>
        {label}
      </button>
    );
  return (
    <ConfirmPanel
      {...confirmation}
      body={
        <>
          {problem && (
            <div className="alert alert-error" role="alert">
              <p>{problem}</p>
            </div>
          )}
          {confirmation.body}
        </>
      }
      busy={busy}
      onConfirm={() => void confirm()}
      onBack={() => {
        setOpen(false);
        requestAnimationFrame(() => opener.current?.focus());
      }}
    />
  );
}
