import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';

export interface Place { id: string; name: string }

export function useOfficesAndOrganisations() {
  const [places, setPlaces] = useState<{ offices: Place[]; organisations: Place[] }>({ offices: [], organisations: [] });
  useEffect(() => {
    void Promise.all([api<Place[]>('GET', '/offices'), api<Place[]>('GET', '/organisations')]).then(([offices, organisations]) => setPlaces({ offices, organisations }));
  }, []);
  return places;
}
