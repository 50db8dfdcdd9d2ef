import { parentPort, workerData } from 'node:worker_threads';
import { checkBatch } from './lineBatches.ts';

// The thread that checks an import's lines (lineBatches.ts): batches come in order and go back in
// order. Once a batch has a wrong line, the batches after it make no rows.
let refused = false;
parentPort!.on('message', ({ first, raws }: { first: number; raws: string[] }) => {
  const checked = checkBatch(workerData.importId as string, first, raws, refused);
  refused ||= checked.problems.length > 0;
  parentPort!.postMessage(checked);
});
