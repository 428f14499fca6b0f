/**
 * Where a request's CPU goes: the app (as start:prod runs it), Nest's own floor (bench/nest-floor, for the product
 * read and page it answers) and the bare baseline under the same wrk load, one after the other, each sampled by
 * V8's profiler over the load only (through the inspector protocol), self time summed by the package or part of
 * the app the sampled function belongs to, in microseconds per request. With --allocations, V8's sampling
 * heap profiler instead: the bytes each part allocates per request, the collected ones counted too (what makes
 * young collections frequent, however briefly each object lives). With --flood, the app alone with the default
 * API_RATE_LIMIT, its limit spent by the warm-up: what a refusal of one client flooding the scenario costs.
 *   npm run bench:profile [-- --scenario 'GET /products?limit=20' --seconds 10 --functions 40 --allocations --flood]
 * Writes bench/results/profile-<scenario>.md (allocations-<scenario>.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { parseArgs } from 'node:util';
import { type BareServer, BenchDatabase, seed, startApp, startBaseline } from './harness';
import type { ScenarioInput } from './load/scenarios';
import { ensureWrk, runLoad } from './load/wrk';
import { freePort, type Started } from './processes';
import { table } from './report';

const { values } = parseArgs({ options: {
    scenario: { type: 'string', default: 'GET /products/{id}' },
    seconds: { type: 'string', default: '10' },
    functions: { type: 'string', default: '0' },
    allocations: { type: 'boolean', default: false },
    flood: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface AllocationNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: AllocationNode[];
}
type KeyOf = (callFrame: ProfileNode['callFrame']) => string;

/** The inspector of a process started with --inspect=127.0.0.1:<port>: one method call at a time. */
async function inspector(port: number) {
  const [{ webSocketDebuggerUrl }] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)));
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id;
      socket.addEventListener('message', function answer(event) {
        const message = JSON.parse(String(event.data)) as { id?: number; result: Record<string, unknown> };
        if (message.id !== mine) return;
        socket.removeEventListener('message', answer);
        resolve(message.result);
      });
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  return { call, close: () => socket.close() };
}

/** The shipped bundle's source map (scripts/bundle/build.mjs): the file of the app or of a package a bundled function comes from. */
const bundleMap = new SourceMap(JSON.parse(readFileSync('dist/bundle.js.map', 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);

function sourceOf({ url, lineNumber, columnNumber }: ProfileNode['callFrame']): { url: string; line: number } {
  const entry = url.endsWith('/dist/bundle.js') ? (bundleMap.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number }) : {};
  return entry.originalSource ? { url: entry.originalSource, line: entry.originalLine! + 1 } : { url, line: lineNumber + 1 };
}

/** What a sampled function belongs to: a package, a folder of the app, a part of Node, or V8's own work. */
function partOf(frame: ProfileNode['callFrame']): string {
  const { functionName } = frame;
  const { url } = sourceOf(frame);
  const inPackage = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1];
  const inApp = url.match(/(?:^|\/)src\/([^/]+(?:\/[^/.]+)?)/);
  if (inApp) return `app: ${inApp[1].replace(/\.[jt]s$/, '')}`;
  if (url.startsWith('node:')) return `node: ${url.slice('node:'.length).split('/')[0]}`;
  if (/bench\/(baseline|nest-floor)\//.test(url)) return 'bench: bare server';
  return functionName.startsWith('(') ? functionName : `native: ${functionName || '(anonymous)'}`;
}

/** A sampled function by name and place: the part it belongs to, the file's last two segments and the line. */
function functionOf(callFrame: ProfileNode['callFrame']): string {
  const { url, line } = sourceOf(callFrame);
  return `${partOf(callFrame)}: ${callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${line}`;
}

/** Self time per key (a part, or a function), in µs per request, from the samples of the profile. */
function usPerRequest(profile: Profile, requests: number, keyOf: KeyOf): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const key = keyOf(byId.get(nodeId)!.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  for (const [key, us] of totals) totals.set(key, us / requests);
  totals.delete('(idle)');
  return totals;
}

/** Bytes allocated per key (a part, or a function) per request, from the sampled allocations' tree. */
function bytesPerRequest(head: AllocationNode, requests: number, keyOf: KeyOf): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (node: AllocationNode) => {
    if (node.selfSize > 0) {
      const key = keyOf(node.callFrame);
      totals.set(key, (totals.get(key) ?? 0) + node.selfSize);
    }
    node.children.forEach(add);
  };
  add(head);
  for (const [key, bytes] of totals) totals.set(key, bytes / requests);
  return totals;
}

type Session = Awaited<ReturnType<typeof inspector>>;

/** Starts V8's sampler (CPU, or allocations with --allocations); what it returns stops it and sums per request. */
async function startSampling(session: Session): Promise<(requests: number) => Promise<Record<'parts' | 'functions', Map<string, number>>>> {
  if (values.allocations) {
    await session.call('HeapProfiler.enable');
    await session.call('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
    return async (requests) => {
      const { profile } = (await session.call('HeapProfiler.stopSampling')) as { profile: { head: AllocationNode } };
      return { parts: bytesPerRequest(profile.head, requests, partOf), functions: bytesPerRequest(profile.head, requests, functionOf) };
    };
  }
  await session.call('Profiler.enable');
  await session.call('Profiler.setSamplingInterval', { interval: 200 });
  await session.call('Profiler.start');
  return async (requests) => {
    const { profile } = (await session.call('Profiler.stop')) as { profile: Profile };
    return { parts: usPerRequest(profile, requests, partOf), functions: usPerRequest(profile, requests, functionOf) };
  };
}

async function profileUnderLoad(server: Started, inspectPort: number, input: ScenarioInput) {
  // The warm-up optimises the code; in a flood it also spends the limit (6,000 requests a minute).
  await runLoad({ scenario: values.scenario!, input, connections: 50, seconds: values.flood ? 4 : 3 });
  const session = await inspector(inspectPort);
  const stop = await startSampling(session);
  const load = await runLoad({ scenario: values.scenario!, input, connections: 50, seconds, serverPid: server.process.pid });
  const sampled = await stop(load.requests);
  session.close();
  const unexpected = values.flood ? load.requests - load.non2xx + load.socketErrors : load.non2xx + load.socketErrors;
  if (unexpected > 0) throw new Error(`${unexpected} requests ${values.flood ? 'not refused' : 'failed'}: the profile would not be of the scenario`);
  return { load, ...sampled };
}

async function main(): Promise<void> {
  ensureWrk();
  const database = new BenchDatabase('cb_bench_profile');
  await database.recreate();
  const port = await freePort();
  const first = await startApp(port, database.url);
  const data = await seed(`http://127.0.0.1:${port}/api/v1`);
  await first.stop();

  const measured: Array<{ name: string } & Awaited<ReturnType<typeof profileUnderLoad>>> = [];
  // Nest's floor answers the product read and page only; only the app refuses a flood.
  const servers = values.flood ? (['app'] as const) : values.scenario!.startsWith('GET /products') ? (['app', 'nest-floor', 'baseline'] as const) : (['app', 'baseline'] as const);
  // The default limit (load-config.ts), from an empty window.
  const appEnv: Record<string, string> = values.flood ? { API_RATE_LIMIT: '6000' } : {};
  if (values.flood) await database.emptyRateLimitCounters();
  for (const name of servers) {
    const [serverPort, inspectPort] = [await freePort(), await freePort()];
    const inspect = `--inspect=127.0.0.1:${inspectPort}`;
    const server = name === 'app' ? await startApp(serverPort, database.url, appEnv, undefined, [inspect]) : await startBaseline(serverPort, database.url, {}, [inspect], name satisfies BareServer);
    try {
      measured.push({ name, ...(await profileUnderLoad(server, inspectPort, { url: `http://127.0.0.1:${serverPort}`, ...data })) });
    } finally {
      await server.stop();
    }
  }

  const parts = [...new Set(measured.flatMap((m) => [...m.parts.keys()]))];
  const total = (m: (typeof measured)[number]) => [...m.parts.values()].reduce((a, b) => a + b, 0);
  const rows = parts
    .map((part) => [part, ...measured.map((m) => (m.parts.get(part) ?? 0).toFixed(1))])
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .filter((row) => row.slice(1).some((cell) => Number(cell) >= 0.5));
  rows.push([values.allocations ? 'total allocated' : 'total (sampled, idle excluded)', ...measured.map((m) => total(m).toFixed(1))]);
  const summary = measured.map((m) => `${m.name}: ${m.load.requestsPerSecond.toFixed(0)} req/s, server CPU ${m.load.cpu.server}%, wrk ${m.load.cpu.generator}%`).join('; ');
  const measure = values.allocations ? 'bytes allocated per request (parts under 0.5 bytes left out)' : 'self time in µs per request (parts under 0.5 µs left out)';
  const text = `${values.flood ? 'refusing a flood of ' : ''}${values.scenario}, wrk at 50 connections for ${seconds} s, ${measure}\n${summary}\n\n${table(['part', ...measured.map((m) => m.name)], rows)}`;
  console.log(`\n${text}\n${topFunctions(measured[0].functions)}`);
  const file = `bench/results/${values.allocations ? 'allocations' : 'profile'}-${values.flood ? 'flood-' : ''}${values.scenario!.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.md`;
  writeFileSync(file, `# ${values.allocations ? 'Allocations' : 'Profile'} ${new Date().toISOString()}\n\n\`\`\`\n${text}\n\`\`\`\n`);
}

/** With --functions N, the app's N costliest functions (self µs, or bytes allocated, per request), to find what a part spends. */
function topFunctions(functions: Map<string, number>): string {
  const count = Number(values.functions);
  if (count === 0) return '';
  const rows = [...functions].sort((a, b) => b[1] - a[1]).slice(0, count);
  const unit = values.allocations ? 'bytes allocated' : 'self µs';
  return `\nthe app's ${count} costliest functions, ${unit} per request:\n${rows.map(([name, cost]) => `${cost.toFixed(1).padStart(7)}  ${name}`).join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
