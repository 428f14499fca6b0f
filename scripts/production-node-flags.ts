import { readFileSync } from 'node:fs';

/**
 * The node flags `npm run start:prod` gives the bundle (package.json, read from the working directory, the
 * repository root), for whatever starts the app as production does: the benchmarks measure it so, and the
 * start-up test checks that this Node still accepts them.
 */
export function productionNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  return scripts['start:prod'].split(' ').filter((word) => word.startsWith('--'));
}
