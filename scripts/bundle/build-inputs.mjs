/**
 * Whether dist/ is the build of the files it would be built from now. `npm run build` (nest build, then
 * build.mjs) takes half a minute, and every test command starts with it: CI ran it nine times over one checkout.
 * build.mjs writes dist/build-inputs.json last, with a digest of every input of the build and of what it wrote;
 * `node scripts/bundle/build-inputs.mjs check` exits 0 only if both digests still match, and the build is then
 * skipped. Any change to the sources, the compiler's settings, the installed packages (npm's record of them in
 * node_modules), this directory or Node's version, and any change to dist/ itself, builds again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'scripts/bundle', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json', 'node_modules/.package-lock.json'];
const OUTPUTS = ['dist/main.js', 'dist/bundle.js', 'dist/bundle.js.map'];
const STAMP = 'dist/build-inputs.json';

/** Every file under `paths`, in a fixed order. */
function filesUnder(paths) {
  return paths.flatMap((path) => {
    if (!existsSync(path)) return [];
    if (!statSync(path).isDirectory()) return [path];
    return filesUnder(
      readdirSync(path)
        .sort()
        .map((entry) => join(path, entry)),
    );
  });
}

/** One digest of the files' names and contents (a file missing, added or renamed changes it). */
function digest(paths, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of filesUnder(paths)) hash.update(`\0${file}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

const current = () => ({ inputs: digest(INPUTS, process.version), outputs: digest(OUTPUTS) });

/** Called by build.mjs once dist/ is written. */
export function recordBuildInputs() {
  writeFileSync(STAMP, `${JSON.stringify(current(), null, 2)}\n`);
}

function upToDate() {
  if (!existsSync(STAMP) || OUTPUTS.some((file) => !existsSync(file))) return false;
  const recorded = JSON.parse(readFileSync(STAMP, 'utf8'));
  const now = current();
  return recorded.inputs === now.inputs && recorded.outputs === now.outputs;
}

if (process.argv[2] === 'check') {
  const fresh = upToDate();
  if (fresh) console.log('dist/ is built from the current sources: build skipped');
  process.exit(fresh ? 0 : 1);
}
