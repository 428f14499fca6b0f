import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingRefused } from '../config/setting-refused';

const LOCK_FILE = 'commerce-backend.pid';

/**
 * Makes this process the only one serving the embedded database in `dataDir`. Two processes on one directory (a
 * second `npm start` on another PORT, a second container on the same volume) each ran their own PGlite on the same
 * files: both answered, and what one committed was lost when the other closed. The file holds the owner's pid; a
 * file left by a process that is gone (killed, or a container's earlier run, whose pid may be this one's) is taken
 * over. Removed when this process exits.
 */
export function claimDataDir(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      process.once('exit', () => rmSync(lock, { force: true }));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const owner = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new SettingRefused(`DATA_DIR ${dataDir}: the embedded database is in use by process ${owner} (${LOCK_FILE}); one process serves it`);
    }
    rmSync(lock, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
