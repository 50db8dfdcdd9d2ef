// Starts the thread of lineBatchesThread.ts. The sources are TypeScript, run through tsx's loader as
// bin/polku.js does: a new thread has no loader of its own.
import { register } from 'tsx/esm/api';

register();
await import('./lineBatchesThread.ts');
