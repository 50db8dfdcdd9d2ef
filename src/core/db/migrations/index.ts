import { foundation } from './0001_foundation.ts';

export interface Migration {
  id: string;
  statements: string[];
}

export const migrations: Migration[] = [foundation];
