import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import type { AnswersResponse } from '#shared/api/study.ts';

/** What every interview answered to one guide question, read across the transcripts. */
export function AnswersPage() {
  const { t } = useTranslation('study');
  const { studyId, questionId } = useParams();
  const answers = useApiQuery<Shown<AnswersResponse>>(`/studies/${studyId}/questions/${questionId}/answers`);
  return (
    <Loaded query={answers}>
      {(data) => (
        <>
          <PageTitle>{t('answers.title', { label: data.label })}</PageTitle>
          <p>{data.question}</p>
          <p>
            <Link to={`/studies/${studyId}/interviews`}>{t('coding.backToInterviews')}</Link>
          </p>
          {data.answers.length === 0 ? (
            <p>{t('answers.none')}</p>
          ) : (
            <ul className="quotations">
              {data.answers.map((answer, index) => (
                <li key={index}>
                  <h2>
                    {[
                      answer.participantCode ?? answer.name,
                      answer.organisationType ? t(`organisationTypes.${answer.organisationType}`) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </h2>
                  <blockquote className="preserve">{answer.text}</blockquote>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Loaded>
  );
}
