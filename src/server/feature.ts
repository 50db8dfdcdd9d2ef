import type { Api } from './context.ts';
import type { RecordPart } from '../core/record/recordPart.ts';

/** What the app composes from all features, handed to each feature's routes. */
export interface Composition {
  /** Every feature's parts of a client's record. */
  recordParts: readonly RecordPart[];
}

/**
 * A feature as the app sees it: its routes and its parts of a client's record. Each feature's
 * `index.ts` exports one; `server/app.ts` lists them, and nothing else needs to change to add one.
 */
export interface Feature {
  name: string;
  routes(app: Api, composition: Composition): Promise<void>;
  recordParts?: readonly RecordPart[];
}
