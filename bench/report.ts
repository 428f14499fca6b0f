import { writeFileSync } from 'node:fs';
import type { LoadResult } from './load/wrk';
import { median } from './stats';

export interface ScenarioResult {
  scenario: string;
  /** The app, the bare Fastify + pg baseline, or Nest's floor (bench/nest-floor: Nest on Fastify, nothing of the app's). */
  target: 'app' | 'baseline' | 'nest-floor';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests that failed (status >= 400, socket errors), in all runs. */
  failed: number;
  runs: number;
  /** Runs with a failed request: their figures are left out. */
  voidRuns: number;
  /** Medians, % of one core: the load generator, the server, PostgreSQL. */
  cpu: { generator: number; server: number; postgres: number };
  /** Over the baseline, measured side by side: requests/s (the app's, or Nest's floor's), and p99 latency (the app's). */
  ratio?: number;
  p99Ratio?: number;
  /** App over Nest's floor, requests/s side by side (decision record 0008), where the floor ran. */
  floorRatio?: number;
  /** What makes a figure doubtful, e.g. a baseline limited by the load generator rather than by itself. */
  warnings: string[];
}

const isVoid = (run: LoadResult) => run.non2xx + run.socketErrors > 0;

/** Each figure's median over the runs without a failed request (over all runs if every one failed). */
export function resultOf(scenario: string, target: ScenarioResult['target'], runs: LoadResult[]): ScenarioResult {
  const valid = runs.filter((run) => !isVoid(run));
  const counted = valid.length > 0 ? valid : runs;
  const of = (figure: (run: LoadResult) => number) => median(counted.map(figure));
  return {
    scenario,
    target,
    requestsPerSecond: of((r) => r.requestsPerSecond),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    failed: runs.reduce((sum, r) => sum + r.non2xx + r.socketErrors, 0),
    runs: runs.length,
    voidRuns: runs.length - valid.length,
    cpu: { generator: of((r) => r.cpu.generator), server: of((r) => r.cpu.server ?? 0), postgres: of((r) => r.cpu.postgres) },
    warnings: valid.length === 0 ? ['every run had failed requests: VOID'] : [],
  };
}

export interface Round {
  app: LoadResult;
  baseline: LoadResult;
  floor?: LoadResult;
}

/**
 * App, baseline and (where it ran) Nest's floor from rounds run one after the other: the ratios are medians of the
 * rounds' own ratios, over the rounds where neither side failed a request. A ratio means something only if the
 * server it divides by was limited by itself: its one event loop busy, not waiting on the load generator.
 */
export function sideBySide(scenario: string, rounds: Round[]): ScenarioResult[] {
  const app = resultOf(scenario, 'app', rounds.map((r) => r.app));
  const baseline = resultOf(scenario, 'baseline', rounds.map((r) => r.baseline));
  const pairs = rounds.map((r): Pair => [r.app, r.baseline]);
  app.ratio = medianRatio(pairs, (run) => run.requestsPerSecond);
  app.p99Ratio = medianRatio(pairs, (run) => run.p99);
  if (app.ratio === undefined) app.warnings.push('no round without failed requests on both sides: no ratio');
  const results = [app, baseline];
  const floorRounds = rounds.filter((r): r is Required<Round> => r.floor !== undefined);
  if (floorRounds.length > 0) {
    const floor = resultOf(scenario, 'nest-floor', floorRounds.map((r) => r.floor));
    app.floorRatio = medianRatio(floorRounds.map((r): Pair => [r.app, r.floor]), (run) => run.requestsPerSecond);
    if (app.floorRatio === undefined) app.warnings.push("no round without failed requests on both the app and Nest's floor: no ratio to the floor");
    floor.ratio = medianRatio(floorRounds.map((r): Pair => [r.floor, r.baseline]), (run) => run.requestsPerSecond);
    results.push(floor);
  }
  for (const divisor of results.slice(1)) {
    if (divisor.cpu.generator >= 90) divisor.warnings.push(`limited by the load generator (wrk at ${divisor.cpu.generator}% of a core): the app's ratio to this server flatters the app`);
    if (divisor.cpu.server < 90) divisor.warnings.push(`the server used ${divisor.cpu.server}% of a core: not limited by itself`);
  }
  return results;
}

/** Two servers' runs of one round: the one measured, the one it is divided by. */
type Pair = [LoadResult, LoadResult];

/** The median of the rounds' own ratios of `figure`, over the rounds where neither run failed a request; undefined if none. */
function medianRatio(pairs: Pair[], figure: (run: LoadResult) => number): number | undefined {
  const valid = pairs.filter(([measured, divisor]) => !isVoid(measured) && !isVoid(divisor));
  return valid.length > 0 ? median(valid.map(([measured, divisor]) => figure(measured) / figure(divisor))) : undefined;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** The benchmark's scenarios, app, baseline and Nest's floor where it ran, then every warning. */
export function resultsTable(results: ScenarioResult[]): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'void runs', 'CPU % wrk/server/pg', 'x baseline req/s', 'x baseline p99', "x Nest's floor req/s"];
  const rows = results.map((r) => [
    r.scenario,
    r.target,
    r.requestsPerSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.failed),
    `${r.voidRuns}/${r.runs}`,
    `${r.cpu.generator}/${r.cpu.server}/${r.cpu.postgres}`,
    r.ratio !== undefined ? r.ratio.toFixed(2) : '-',
    r.p99Ratio !== undefined ? r.p99Ratio.toFixed(2) : '-',
    r.floorRatio !== undefined ? r.floorRatio.toFixed(2) : '-',
  ]);
  const warnings = results.flatMap((r) => r.warnings.map((w) => `WARNING ${r.scenario}, ${r.target}: ${w}`));
  return [table(header, rows), ...(warnings.length ? ['', ...warnings] : [])].join('\n');
}

const COLOURS = { app: '#2f6fdf', baseline: '#9aa5b1', 'nest-floor': '#e0a030' } as const;

/** A bar chart of requests/s and p99 per scenario, app beside baseline (and Nest's floor), as a self-contained SVG. */
export function writeChart(path: string, results: ScenarioResult[]): void {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const width = 900;
  const rowHeight = 64;
  const height = 60 + scenarios.length * rowHeight;
  const maxRps = Math.max(...results.map((r) => r.requestsPerSecond), 1);
  const maxP99 = Math.max(...results.map((r) => r.p99), 1);
  const bars = scenarios.flatMap((scenario, i) => {
    const y = 50 + i * rowHeight;
    const label = `<text x="8" y="${y + 18}" font-size="12">${scenario.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`;
    return [label, ...(['app', 'baseline', 'nest-floor'] as const).flatMap((target, j) => {
      const r = results.find((x) => x.scenario === scenario && x.target === target);
      if (!r) return [];
      const colour = COLOURS[target];
      const w1 = (r.requestsPerSecond / maxRps) * 260;
      const w2 = (r.p99 / maxP99) * 200;
      const by = y + j * 18;
      return [
        `<rect x="230" y="${by}" width="${w1.toFixed(1)}" height="14" fill="${colour}"/>`,
        `<text x="${(235 + w1).toFixed(1)}" y="${by + 11}" font-size="10">${Math.round(r.requestsPerSecond)}/s</text>`,
        `<rect x="620" y="${by}" width="${w2.toFixed(1)}" height="14" fill="${colour}"/>`,
        `<text x="${(625 + w2).toFixed(1)}" y="${by + 11}" font-size="10">${r.p99} ms</text>`,
      ];
    })];
  });
  writeFileSync(
    path,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="230" y="24" font-size="14" font-weight="bold">requests/s</text><text x="620" y="24" font-size="14" font-weight="bold">p99 latency</text>
<rect x="8" y="30" width="10" height="10" fill="${COLOURS.app}"/><text x="22" y="39" font-size="11">app</text>
<rect x="60" y="30" width="10" height="10" fill="${COLOURS.baseline}"/><text x="74" y="39" font-size="11">bare Fastify + pg</text>
<rect x="190" y="30" width="10" height="10" fill="${COLOURS['nest-floor']}"/><text x="204" y="39" font-size="11">Nest's floor</text>
${bars.join('\n')}
</svg>
`,
  );
}
