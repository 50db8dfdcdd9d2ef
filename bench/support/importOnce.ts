// One import in a process of its own, as `polku import` runs it: a new process with nothing of the
// benchmark's own work in its memory. Prints the import's time and the process's resident size
// before the import and at its peak during it (sampled every 20 ms), as JSON.
// Run by bench/register-import.ts: tsx bench/support/importOnce.ts FILE DATA_DIR [DATABASE_URL]
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/core/config.ts';
import { createContext } from '../../src/server/createContext.ts';
import { commandLine as who } from '../../src/cli/commands/withContext.ts';
import { createdCount, importRegister } from '../../src/features/exchange/importRegister.ts';

const [file, dataDir, databaseUrl] = process.argv.slice(2);
const ctx = await createContext(loadConfig({ POLKU_DATA_DIR: dataDir }, { databaseUrl: databaseUrl || undefined }));
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const summary = await importRegister(ctx, who, fs.createReadStream(file, 'utf8'));
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await ctx.close();
console.log(JSON.stringify({ ms, before, peak, created: createdCount(summary) }));
