import { useTranslation } from 'react-i18next';
import { Link } from '../ui/Link.tsx';
import { PageTitle } from '../ui/ui.tsx';

/** An address that is no page, or a page the session's permissions do not open. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </>
  );
}
