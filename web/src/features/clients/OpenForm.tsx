import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import type { Confirmation } from '../../ui/Confirm.tsx';

interface OpenFormProps {
  /** The button that opens the form: "Add a note". */
  openLabel: string;
  /** Names the form for a screen reader when several on the page share a label. */
  'aria-label'?: string;
  /** The form's send button: "Save the note". */
  submitLabel: string;
  /** Said once the form has been sent: "The note was added." */
  saved: string;
  onSubmit: (data: FormData) => Promise<unknown>;
  /** Reloads the record once the change is saved. */
  onSaved: () => void;
  check?: (data: FormData) => Array<{ name: string; problem: string }>;
  errorFields?: Record<string, string>;
  confirm?: (data: FormData) => Confirmation | null;
  /** Styles the opening button (`secondary`, `warning-button`). */
  buttonClassName?: string;
  children: ReactNode;
}

/**
 * A form of the client record, opened only when the person chooses to add or change something. Sent,
 * it closes and says what was saved; cancelled, it closes and focus returns to its button.
 */
export function OpenForm({
  openLabel,
  submitLabel,
  saved,
  onSubmit,
  onSaved,
  check,
  errorFields,
  confirm,
  buttonClassName,
  children,
  ...rest
}: OpenFormProps) {
  const { t } = useTranslation('clients');
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const returnFocus = useRef(false);
  // Once closed, focus goes back to the button that opened it (and the message beside it is read out).
  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (returnFocus.current) opener.current?.focus();
    returnFocus.current = false;
  }, [open]);

  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };

  if (!open)
    return (
      <div className="open-form">
        {done && <StatusMessage>{saved}</StatusMessage>}
        <button
          type="button"
          ref={opener}
          className={buttonClassName ?? 'secondary'}
          aria-label={rest['aria-label']}
          onClick={() => {
            setDone(false);
            setOpen(true);
          }}
        >
          {openLabel}
        </button>
      </div>
    );
  return (
    <div className="open-form open-form--open" ref={formRef} role="group" aria-label={rest['aria-label'] ?? openLabel}>
      <Form
        check={check}
        errorFields={errorFields}
        confirm={confirm}
        onSubmit={async (data) => {
          await onSubmit(data);
          setDone(true);
          close();
          onSaved();
        }}
      >
        {children}
        <div className="button-group">
          <SubmitButton>{submitLabel}</SubmitButton>
          <button type="button" className="secondary" onClick={close}>
            {t('cancel')}
          </button>
        </div>
      </Form>
    </div>
  );
}
