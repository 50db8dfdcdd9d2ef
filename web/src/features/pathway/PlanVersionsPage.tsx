import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useRecordRead } from '../../lib/recordRead.ts';
import type { Shown } from '../../lib/api.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import type { PlanVersions } from '#shared/api/pathway.ts';

type Version = NonNullable<Shown<PlanVersions>['versions']>[number];
type Goal = NonNullable<Version['goals']>[number];

/** How a goal reads in one version, and whether it differs from the version before. */
const goalText = (goal: Goal | undefined, t: (key: string) => string) =>
  goal ? `${goal.text} – ${t(`goalStatuses.${goal.status}`)}${goal.holdReason ? `: ${goal.holdReason}` : ''}` : null;

/**
 * Every version of a plan, newest first, and the goals side by side across versions: a goal keeps
 * its id from version to version, so what changed shows in its row. Earlier versions are as recorded.
 */
export function PlanVersionsPage() {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { clientId, planId } = useParams();
  const { data, error, needsReason, open, reload } = useRecordRead<Shown<PlanVersions>>(`/clients/${clientId}/plans/${planId}/versions`);
  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!data)
    return error ? (
      <>
        <PageTitle>{t('versions.title')}</PageTitle>
        <LoadFailed error={error} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  const versions = [...(data.versions ?? [])].reverse();
  const goalIds = [...new Set(versions.flatMap((version) => (version.goals ?? []).map((goal) => goal.id!)))];
  return (
    <>
      <PageTitle>{t('versions.titleOf', { kind: t(`planKinds.${data.kind}`) })}</PageTitle>
      <p>
        <Link to={`/clients/${clientId}/pathway`}>{t('backToPathway')}</Link>
      </p>
      <ScrollingTable caption={t('versions.compare')}>
        <thead>
          <tr>
            <th scope="col">{t('versions.goal')}</th>
            {versions.map((version) => (
              <th scope="col" key={version.version}>
                {t('plans.version', { version: version.version })}
                <br />
                <span className="muted">
                  {formatDateTime(version.recordedAt!, lang)}
                  {version.recordedBy ? ` – ${version.recordedBy}` : ''}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {goalIds.map((goalId, row) => (
            <tr key={goalId}>
              <th scope="row">{t('versions.goalNumber', { number: row + 1 })}</th>
              {versions.map((version, index) => {
                const now = goalText(
                  version.goals?.find((goal) => goal.id === goalId),
                  t,
                );
                const before =
                  index > 0
                    ? goalText(
                        versions[index - 1].goals?.find((goal) => goal.id === goalId),
                        t,
                      )
                    : now;
                const changed = index > 0 && now !== before;
                return (
                  <td key={version.version} className={changed ? 'changed' : undefined}>
                    {now ?? '–'}
                    {changed && <strong> ({t('versions.changed')})</strong>}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('plans.nextReview')}</th>
            {versions.map((version) => (
              <td key={version.version}>{version.nextReviewOn ? formatDate(version.nextReviewOn, lang) : '–'}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('plans.partners')}</th>
            {versions.map((version) => (
              <td key={version.version}>{(version.partners ?? []).map((partner) => partner.organisationName).join(', ') || '–'}</td>
            ))}
          </tr>
        </tbody>
      </ScrollingTable>
    </>
  );
}
