import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useRecordRead } from '../../lib/recordRead.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { useCan } from '../../lib/session.ts';
import { PageTitle } from '../../ui/ui.tsx';
import type { ClientPathway } from './pathwayRecord.ts';
import { PlansSection } from './PlansSection.tsx';
import { CheckpointsSection } from './CheckpointsSection.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import { ProgressSection } from './ProgressSection.tsx';
import { SafeWorkSection } from './SafeWorkSection.tsx';

/**
 * A client's path to work: plans, checkpoints, pathway services and progress, each shown only when
 * the policy grants its field group. Reading the page reads the record, and that read is audited.
 */
export function PathwayPage() {
  const { t } = useTranslation('pathway');
  const id = useParams().clientId!;
  const can = useCan();
  const { data: record, error, needsReason, open, reload } = useRecordRead<ClientPathway>(`/clients/${id}`);
  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!record)
    return error ? (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <LoadFailed error={error} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  const again = () => void reload();
  return (
    <>
      <PageTitle>{record.identity?.name ? t('titleOf', { name: record.identity.name }) : t('title')}</PageTitle>
      <p className="button-group">
        <Link to={`/clients/${id}`}>{t('backToRecord')}</Link>
        <Link to={`/clients/${id}/pathway/map`}>{t('map.open')}</Link>
        {can('pathway.reports') && <Link to="/pathway/distance-travelled">{t('distance.title')}</Link>}
        {can('pathway.outcomes.published') && <Link to="/pathway/outcomes">{t('outcomes.nav')}</Link>}
      </p>
      {record.pathwayPlans && <PlansSection record={record} reload={again} />}
      {record.pathwayCheckpoints && <CheckpointsSection record={record} reload={again} />}
      {record.pathwayServices && <ServicesSection record={record} reload={again} />}
      {record.pathwayProgress && <ProgressSection record={record} reload={again} />}
      {record.pathwayPlacements && <SafeWorkSection record={record} reload={again} />}
    </>
  );
}
