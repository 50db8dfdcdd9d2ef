import { useApiQuery } from './query.ts';

export interface Place {
  id: string;
  name: string;
}

/** The offices and partner organisations, for choosing one: empty lists until they have loaded. */
export function useOfficesAndOrganisations() {
  const offices = useApiQuery<Place[]>('/offices', { staleTime: 5 * 60_000 });
  const organisations = useApiQuery<Place[]>('/organisations', { staleTime: 5 * 60_000 });
  return {
    offices: offices.data ?? [],
    organisations: organisations.data ?? [],
    /** A failed load of either, to show with a way to try again (LoadFailed). */
    error: offices.error ?? organisations.error,
    retry: () => {
      void offices.refetch();
      void organisations.refetch();
    },
  };
}
