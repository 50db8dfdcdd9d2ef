import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Shown } from '../../lib/api.ts';
import { useRecordRead } from '../../lib/recordRead.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import type { DecisionLetter } from '#shared/api/referrals.ts';

type Letter = Shown<DecisionLetter>;

/** The decision letter in the language chosen for it, whatever the page's language; printable. */
export function DecisionLetterPage() {
  const id = useParams().referralId!;
  const { i18n } = useTranslation();
  const { data: letter, error, needsReason, open, reload } = useRecordRead<Letter>(`/referrals/${id}/decision-letter`);
  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!letter) return error ? <LoadFailed error={error} onRetry={() => void reload()} /> : <Loading />;
  const t = i18n.getFixedT(letter.language, 'referrals');
  return (
    <>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </p>
      <article className="letter" lang={letter.language}>
        <header className="letter-head">
          {letter.sender && (
            <div role="group" aria-label={t('letter.sender')}>
              <address className="letter-sender">
                <strong>{letter.sender.name}</strong>
                <span className="preserve">{letter.sender.address}</span>
                <span>
                  {t('letter.phone')}: {letter.sender.phone}
                </span>
                <span>
                  {t('letter.email')}: {letter.sender.email}
                </span>
                {letter.sender.website && (
                  <span>
                    {t('letter.website')}: {letter.sender.website}
                  </span>
                )}
              </address>
            </div>
          )}
          <dl className="letter-reference">
            <dt>{t('letter.reference')}</dt>
            <dd>{letter.reference}</dd>
            <dt>{t('letter.date')}</dt>
            <dd>{formatDate(letter.decidedAt, letter.language)}</dd>
          </dl>
        </header>
        <PageTitle>{t('letter.title')}</PageTitle>
        <p>
          {t('letter.to')}: {letter.name}
          {letter.birthDate ? `, ${t('letter.born')} ${formatDate(letter.birthDate, letter.language)}` : ''}
        </p>
        <p>
          {t('letter.referralReceived')}: {formatDate(letter.receivedAt, letter.language)}
        </p>
        <h2>{t('letter.decision')}</h2>
        <p>{t(`letter.${letter.outcome}`)}</p>
        <h2>{t('letter.reasons')}</h2>
        <p className="preserve">{letter.reasons}</p>
        <p>{t('letter.law')}</p>
        <p>
          {t('letter.signed')}: {letter.deciderName}
          {letter.deciderTitle ? `, ${letter.deciderTitle}` : ''}
        </p>
        <section aria-labelledby="appeal-heading">
          <h2 id="appeal-heading">{t('letter.appealTitle')}</h2>
          <p>
            {t('letter.appeal')}
            {letter.appeal && ` ${t('letter.appealBelow')}`}
          </p>
          {letter.appeal && (
            <dl>
              <dt>{t('letter.appealAuthority')}</dt>
              <dd>
                {letter.appeal.authority}
                <br />
                <span className="preserve">{letter.appeal.address}</span>
              </dd>
            </dl>
          )}
        </section>
      </article>
    </>
  );
}
