import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/ui.tsx';

/** Shown once: the codes exist only as hashes afterwards. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('auth');
  return (
    <section className="narrow">
      <PageTitle>{t('recovery.title')}</PageTitle>
      <p>{t('recovery.intro')}</p>
      <ul className="recovery-codes" aria-label={t('recovery.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => window.print()} className="secondary">
        {t('recovery.print')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('recovery.done')}
      </button>
    </section>
  );
}
