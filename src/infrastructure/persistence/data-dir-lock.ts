import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SettingRefused } from '../config/setting-refused';

const LOCK_FILE = 'commerce-backend.pid';

/** Who holds the lock: a pid is only known to be running or gone on its own host (its own PID namespace). */
interface Owner {
  pid: number;
  host: string;
}

/** `pid@host`; a file of a pid alone was written before hosts were, on this host. */
function ownerIn(text: string): Owner | undefined {
  const match = /^(\d+)(?:@(.+))?$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) return undefined;
  return { pid: Number(match[1]), host: match[2] ?? hostname() };
}

/**
 * Makes this process the only one serving the embedded database in `dataDir`. Two processes on one directory (a
 * second `npm start` on another PORT, a second container on the same volume) each ran their own PGlite on the same
 * files: both answered, and what one committed was lost when the other closed. The file names the owner's pid and
 * host, and comes into being whole (a link to a file already written), so no one reads it half written. A file left
 * on this host by a process that is gone (killed, or a container's earlier run, whose pid may be this one's) is taken
 * over. One from another host (another container: each is its own host, and each is pid 1) is not, since whether
 * its owner still runs cannot be told from here: the refusal names the file to delete once that owner is known to be
 * gone. Removed when this process exits.
 */
export function claimDataDir(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  const self = `${process.pid}@${hostname()}`;
  // Its own name: two starters in containers are each pid 1.
  const written = `${lock}.${randomBytes(8).toString('hex')}`;
  writeFileSync(written, self);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(written, lock);
        process.once('exit', () => rmSync(lock, { force: true }));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      }
      const owner = ownerIn(readFileSync(lock, 'utf8'));
      if (owner && owner.host !== hostname()) {
        throw new SettingRefused(
          `DATA_DIR ${dataDir}: the embedded database is in use by process ${owner.pid} on host ${owner.host} (${LOCK_FILE}); one process serves it. If that host is gone, delete ${lock}`,
        );
      }
      if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
        throw new SettingRefused(`DATA_DIR ${dataDir}: the embedded database is in use by process ${owner.pid} (${LOCK_FILE}); one process serves it`);
      }
      rmSync(lock, { force: true });
    }
  } finally {
    rmSync(written, { force: true });
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
