import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../lib/api.ts';
import { LoadFailed } from '../../ui/Loaded.tsx';

/** Reads a next page of the record: the path under the record (`/pages/notes?after=…`), with its reason. */
export type ReadMore = <P>(more: string) => Promise<P>;

/**
 * A part of the record shown a page at a time: the record's own first page, then the pages "show more"
 * reads, each after the cursor the last one gave. A reload of the record starts again from its first page.
 */
export function usePages<Item>(key: string, first: Item[] | undefined, cursor: string | null | undefined, readMore: ReadMore | undefined) {
  const [state, setState] = useState<{ from: Item[] | undefined; more: Item[]; cursor: string | null; error: ApiError | null }>({
    from: first,
    more: [],
    cursor: cursor ?? null,
    error: null,
  });
  const [loading, setLoading] = useState(false);
  const current = state.from === first ? state : { from: first, more: [], cursor: cursor ?? null, error: null };
  if (current !== state) setState(current);
  const showMore = async () => {
    if (!current.cursor || !readMore) return;
    setLoading(true);
    try {
      const page = await readMore<Record<string, unknown> & { more: Record<string, string | null> }>(
        `/pages/${key}?after=${encodeURIComponent(current.cursor)}`,
      );
      setState({ ...current, more: [...current.more, ...((page[key] as Item[]) ?? [])], cursor: page.more[key] ?? null, error: null });
    } catch (error) {
      setState({ ...current, error: error as ApiError });
    } finally {
      setLoading(false);
    }
  };
  return {
    items: [...(first ?? []), ...current.more],
    hasMore: Boolean(current.cursor && readMore),
    loading,
    error: current.error,
    showMore,
  };
}

/** The "show more" button under a paged list, and what went wrong when a page could not be read. */
export function ShowMore({ pages, label }: { pages: ReturnType<typeof usePages>; label: string }) {
  const { t } = useTranslation('casework');
  if (!pages.hasMore) return null;
  if (pages.error) return <LoadFailed error={pages.error} onRetry={() => void pages.showMore()} />;
  return (
    <button type="button" className="secondary" aria-describedby={label} disabled={pages.loading} onClick={() => void pages.showMore()}>
      {t('ui.showMore')}
    </button>
  );
}
