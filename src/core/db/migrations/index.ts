import { foundation } from './0001_foundation.ts';
import { register } from './0002_register.ts';
import { statisticsIndexes } from './0003_statistics.ts';

export interface Migration {
  id: string;
  statements: string[];
}

export const migrations: Migration[] = [foundation, register, statisticsIndexes];
