import { readFileSync } from 'node:fs';

export interface ProductionCommand {
  /** Node's flags, before the entry. */
  nodeFlags: string[];
  /** The entry script, relative to the repository root. */
  entry: string;
}

/**
 * How `npm run start:prod` starts the app (package.json, read from the working directory, the repository root):
 * `node <flags> <entry>`. Everything that starts the app as production does (the tests that spawn it, the
 * benchmarks) takes the command from here, so none of them can run something other than what ships.
 */
export function productionCommand(): ProductionCommand {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [node, ...rest] = scripts['start:prod'].split(' ').filter(Boolean);
  const entry = rest.pop();
  if (node !== 'node' || !entry || rest.some((word) => !word.startsWith('--'))) {
    throw new Error(`start:prod is not "node <flags> <entry>": ${scripts['start:prod']}`);
  }
  return { nodeFlags: rest, entry };
}
