/**
 * Run by bench/start-up.ts in a fresh process with start:prod's node flags: requires one file (a path from the
 * repository root, the working directory) with Node's compile cache on as dist/main.js turns it on, and prints
 * how long that took as JSON. With `--count`, it also counts the modules loaded, through a loader hook that slows
 * loading: bench/start-up.ts takes the count from a run of its own and the times from runs without the hook.
 *   node <flags> load-probe.js <path> [--count]
 */
import { enableCompileCache, registerHooks } from 'node:module';
import { resolve } from 'node:path';

function main(): void {
  const [path, flag] = process.argv.slice(2);
  enableCompileCache();
  const loaded = { modules: 0, esModules: 0 };
  if (flag === '--count') {
    registerHooks({
      load(url, context, nextLoad) {
        const result = nextLoad(url, context);
        if (!url.startsWith('node:')) {
          loaded.modules++;
          if (result.format === 'module') loaded.esModules++;
        }
        return result;
      },
    });
  }
  const started = performance.now();
  require(resolve(path));
  process.stdout.write(JSON.stringify({ loadMs: performance.now() - started, ...loaded }));
}

main();
