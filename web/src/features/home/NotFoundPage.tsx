import { useTranslation } from 'react-i18next';
import { Link, PageTitle } from '../../ui/ui.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <p><Link to="/">{t('nav.home')}</Link></p>
    </>
  );
}
