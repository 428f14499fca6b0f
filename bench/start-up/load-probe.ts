/**
 * Run by bench/start-up.ts in a fresh process with start:prod's node flags: loads one module the way the app
 * reaches it (`require` from the app's CommonJS, or `import` as an ES module of a package imports it), with
 * Node's compile cache on as dist/main.js turns it on, and prints how long that took as JSON. With `--count`, it
 * also counts the modules loaded, through a loader hook that slows loading: bench/start-up.ts takes the count
 * from a run of its own and the times from runs without the hook.
 *   node <flags> load-probe.js require|import <specifier> [--count]
 */
import { enableCompileCache, registerHooks } from 'node:module';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const [how, specifier, flag] = process.argv.slice(2);
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
  // A path is the app's, from the repository root (the working directory); a package resolves from the
  // repository's node_modules, an ancestor of this file as of the app's modules.
  const target = specifier.startsWith('.') ? resolve(specifier) : specifier;
  const started = performance.now();
  if (how === 'import') await import(target);
  else require(target);
  process.stdout.write(JSON.stringify({ loadMs: performance.now() - started, ...loaded }));
}

void main();
