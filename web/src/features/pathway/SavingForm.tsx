import { useState, type ReactNode } from 'react';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { StatusMessage } from '../../ui/ui.tsx';

/**
 * A form of the pathway page, inside a disclosure so the page stays short: sent, it empties, says
 * what was saved and reloads the record; a refusal shows in the form's error summary.
 */
export function SavingForm({
  summary,
  submitLabel,
  saved,
  onSubmit,
  onSaved,
  check,
  children,
}: {
  summary: string;
  submitLabel: string;
  saved: string;
  onSubmit: (data: FormData) => Promise<unknown>;
  onSaved: () => void;
  check?: (data: FormData) => Array<{ name: string; problem: string }>;
  children: ReactNode;
}) {
  const [done, setDone] = useState(false);
  return (
    <details className="open-form">
      <summary>{summary}</summary>
      <Form
        check={check}
        onSubmit={async (data, form) => {
          setDone(false);
          await onSubmit(data);
          form.reset();
          setDone(true);
          onSaved();
        }}
      >
        {children}
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
      {done && <StatusMessage>{saved}</StatusMessage>}
    </details>
  );
}
