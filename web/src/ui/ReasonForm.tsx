import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api.ts';
import { formText } from '../lib/forms.ts';
import { Form, SubmitButton } from './form/Form.tsx';
import { Field } from './form/fields.tsx';
import { PageTitle } from './ui.tsx';

/** The question asked before opening a record outside one's own cases (see useRecordRead). */
export function ReasonForm({ error, onReason }: { error: ApiError | null; onReason: (reason: string) => void }) {
  const { t } = useTranslation('clients');
  // The first refusal only asks the question; a refusal after a reason was given is shown at the field.
  const refusal = error && error.problem.code !== 'reason_required' ? error.message : undefined;
  return (
    <>
      <PageTitle>{t('reasonTitle')}</PageTitle>
      <Form onSubmit={(form) => onReason(formText(form, 'reason'))} className="narrow">
        <Field label={t('reason')} name="reason" required autoComplete="off" error={refusal} messages={{ required: t('reasonRequired') }} />
        <SubmitButton>{t('openRecord')}</SubmitButton>
      </Form>
    </>
  );
}
