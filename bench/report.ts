import { writeFileSync } from 'node:fs';

export interface ScenarioResult {
  scenario: string;
  target: 'app' | 'baseline';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** App requests/s over the baseline's, measured side by side (the scenarios the baseline answers). */
  ratio?: number;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

/** A bar chart of requests/s and p99 per scenario, app beside baseline, as a self-contained SVG. */
export function writeChart(path: string, results: ScenarioResult[]): void {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const width = 900;
  const rowHeight = 46;
  const height = 60 + scenarios.length * rowHeight;
  const maxRps = Math.max(...results.map((r) => r.requestsPerSecond), 1);
  const maxP99 = Math.max(...results.map((r) => r.p99), 1);
  const bars = scenarios.flatMap((scenario, i) => {
    const y = 50 + i * rowHeight;
    const label = `<text x="8" y="${y + 18}" font-size="12">${scenario.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`;
    return [label, ...(['app', 'baseline'] as const).flatMap((target, j) => {
      const r = results.find((x) => x.scenario === scenario && x.target === target);
      if (!r) return [];
      const colour = target === 'app' ? '#2f6fdf' : '#9aa5b1';
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
<rect x="8" y="30" width="10" height="10" fill="#2f6fdf"/><text x="22" y="39" font-size="11">app</text>
<rect x="60" y="30" width="10" height="10" fill="#9aa5b1"/><text x="74" y="39" font-size="11">bare Fastify + pg</text>
${bars.join('\n')}
</svg>
`,
  );
}
