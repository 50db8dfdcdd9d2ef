import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * PGlite neither locks its folder nor fsyncs: two processes on one folder corrupt it.
 * The owner writes its pid into a lock file created exclusively; a lock whose process is gone is stale.
 */
export function lockDataFolder(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'polku.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && processIsAlive(owner)) {
        throw new AppError(409, 'data_folder_in_use', { folder: dataDir, pid: owner });
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError(409, 'data_folder_in_use', { folder: dataDir, pid: '?' });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
