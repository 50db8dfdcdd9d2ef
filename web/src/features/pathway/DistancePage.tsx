import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import type { Shown } from '../../lib/api.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import type { DistanceTravelled } from '#shared/api/pathway.ts';

/** Distance travelled on the progress scale over the reader's clients, with who is left out and why stated first. */
export function DistancePage() {
  const { t, i18n } = useTranslation('pathway');
  const query = useApiQuery<Shown<DistanceTravelled>>('/pathway/distance-travelled');
  const number = (value: number | null | undefined) => (value == null ? '–' : value.toLocaleString(i18n.language));
  return (
    <>
      <PageTitle>{t('distance.title')}</PageTitle>
      <Loaded query={query}>
        {(report) => (
          <>
            <p>{t('distance.included', { included: report.included, clients: report.clients })}</p>
            <ul>
              <li>{t('distance.fewerThanTwo', { clients: report.excluded?.fewerThanTwo ?? 0 })}</li>
              <li>{t('distance.tooClose', { clients: report.excluded?.tooClose ?? 0, days: report.minDaysBetween })}</li>
            </ul>
            <ScrollingTable caption={t('distance.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('progress.area')}</th>
                  <th scope="col">{t('distance.clients')}</th>
                  <th scope="col">{t('distance.first')}</th>
                  <th scope="col">{t('distance.latest')}</th>
                  <th scope="col">{t('distance.change')}</th>
                </tr>
              </thead>
              <tbody>
                {(report.areas ?? []).map((area) => (
                  <tr key={area.area}>
                    <th scope="row">{t(`areas.${area.area}`)}</th>
                    <td>{area.clients}</td>
                    <td>{number(area.first)}</td>
                    <td>{number(area.latest)}</td>
                    <td>{number(area.change)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          </>
        )}
      </Loaded>
    </>
  );
}
