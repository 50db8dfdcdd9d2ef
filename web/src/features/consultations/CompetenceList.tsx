import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import { useCan, type Permission } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';

/**
 * A list of the competence centre's work, consultations or training events: its heading and what it
 * holds, the way to record one more (for whoever may), to the other list and to the year's overview,
 * then the list as a table, the latest first as the server sends it.
 */
export function CompetenceList<T>({
  path,
  title,
  intro,
  none,
  record,
  other,
  children,
}: {
  /** The API's list. */
  path: string;
  title: string;
  intro: string;
  /** Said when the list is empty. */
  none: string;
  record: { to: string; label: string; permission: Permission };
  other: { to: string; label: string };
  /** The table's head and body for the loaded list. */
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation('consultations');
  const can = useCan();
  const list = useApiQuery<T[]>(path);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{intro}</p>
      <ul className="actions">
        {can(record.permission) && (
          <li>
            <Link to={record.to}>{record.label}</Link>
          </li>
        )}
        <li>
          <Link to={other.to}>{other.label}</Link>
        </li>
        <li>
          <Link to="/consultations/overview">{t('overview.title')}</Link>
        </li>
      </ul>
      <Loaded query={list}>
        {(items) =>
          items.length === 0 ? (
            <p>{none}</p>
          ) : (
            <ScrollingTable caption={title} captionHidden>
              {children(items)}
            </ScrollingTable>
          )
        }
      </Loaded>
    </>
  );
}
