import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { parse } from 'yaml';
import { Client } from 'pg';
import { loadConfig } from '../support/built';
import { startInstance } from '../support/service-processes';
import { ThrowawayPostgres } from '../support/throwaway-postgres';
import { productionCommand } from '../../scripts/production-command';

const root = resolve(__dirname, '../..');

/** The shipped artifact run to its end (a bad setting stops it at once), as start:prod runs it. */
function runShipped(env: Record<string, string>) {
  const { nodeFlags, entry } = productionCommand();
  return spawnSync(process.execPath, [...nodeFlags, resolve(root, entry)], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const WEBHOOK_SECRET_KEY = Buffer.alloc(32, 'w').toString('base64');
const badPort = { PORT: 'not-a-port', JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY };

/** The Docker image's CMD (an exec-form JSON array). */
function dockerCommand(): string[] {
  const cmd = readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8').split('\n').find((line) => line.startsWith('CMD ['))!;
  return JSON.parse(cmd.slice('CMD '.length)) as string[];
}

/**
 * The files at `source` (a file, or a folder's files at any depth), relative to the root: read from the disk, not
 * from git, since the scaffold test runs the suite in a copy that is no repository.
 */
function filesOf(source: string): string[] {
  const path = resolve(root, source);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [source];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** What the Dockerfile copies from the build context (not from another stage): each COPY's sources. */
function dockerContextSources(): string[] {
  return readFileSync(resolve(root, 'docker/Dockerfile'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
    .flatMap((line) => line.split(/\s+/).slice(1).filter((word) => !word.startsWith('--')).slice(0, -1));
}

/**
 * The environment docker/compose.yaml gives an instance when started with the command its header documents:
 * the command's variables (`$(openssl rand -base64 N)` as N random bytes) put into compose's `${NAME:?...}` and
 * `${NAME:-default}`.
 */
function composeEnvironment(service: string): Record<string, string> {
  const text = readFileSync(resolve(root, 'docker/compose.yaml'), 'utf8');
  const command = /^#\s+(\S+=.* docker compose .*)$/m.exec(text)![1];
  const given = new Map(
    [...command.matchAll(/(\w+)=(?:\$\(openssl rand -base64 (\d+)\)|(\S+))/g)].map(([, name, bytes, value]) => [
      name,
      bytes ? randomBytes(Number(bytes)).toString('base64') : value,
    ]),
  );
  const environment = (parse(text, { merge: true }) as { services: Record<string, { environment: Record<string, string> }> }).services[service].environment;
  const interpolated = (value: string) =>
    String(value).replace(/\$\{(\w+)(?::\?[^}]*|:-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
      const set = given.get(name);
      if (set !== undefined) return set;
      if (fallback === undefined) throw new Error(`docker compose refuses to start without ${name}`);
      return fallback;
    });
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, interpolated(value)]));
}

describe('Start-up', () => {
  // The documented command once left mail neither configured nor disabled: every instance refused to start.
  it('accepts the configuration docker/compose.yaml gives each instance with its documented command', () => {
    for (const service of ['app-1', 'app-2', 'app-3']) {
      const environment = composeEnvironment(service);
      expect(environment).toMatchObject({ NODE_ENV: 'production', TRUST_PROXY: 'uniquelocal' });
      expect(loadConfig(environment).nodeEnv).toBe('production');
    }
  });


  // The image once copied scripts/bundle, which .dockerignore kept out of the build context: no image built, and no
  // test noticed (there is no Docker engine here). Every file the Dockerfile copies must reach the context.
  it('builds its image from files the build context holds', () => {
    const ignored = dockerignore().add(readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n'));
    const sources = dockerContextSources();
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'scripts/bundle', 'src', 'asyncapi.json']));
    for (const source of sources) {
      const files = filesOf(source);
      expect({ source, present: files.length > 0, ignored: files.filter((file) => ignored.ignores(file)) }).toEqual({ source, present: true, ignored: [] });
    }
  });


  // The HTTP tests load dist/bundle.js (test/support/built.ts): production must start that same file, not
  // another build or transformation of it (docs/decisions/0006-ship-one-bundle.md).
  it('starts the bundle the HTTP tests load, with the same command in npm run start:prod and the Docker image', () => {
    const { nodeFlags, entry } = productionCommand();
    expect(entry).toBe('dist/main.js');
    expect(dockerCommand()).toEqual(['node', ...nodeFlags, entry]);
    expect(readFileSync(resolve(root, 'dist/main.js'), 'utf8')).toContain('require("./bundle").serve()');
    expect(readFileSync(resolve(root, 'test/support/built.ts'), 'utf8')).toContain("require(resolve(__dirname, '../../dist/bundle.js'))");
  });

  it('stops with a message naming a bad setting', () => {
    const run = runShipped(badPort);
    expect(run.stderr).not.toContain('bad option');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toMatch(/PORT: /);
  });

  it('stops at a DATABASE_URL that names no database, and creates none', async () => {
    const postgres = await ThrowawayPostgres.create();
    try {
      const url = new URL(postgres.url);
      url.pathname = '/shop_mistyped';
      const run = runShipped({ DATABASE_URL: url.toString(), JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual(['Start-up failed: DATABASE_URL: database "shop_mistyped" does not exist']);
      const admin = new Client({ connectionString: postgres.url });
      await admin.connect();
      const { rows } = await admin.query("select datname from pg_database where datname = 'shop_mistyped'");
      await admin.end();
      expect(rows).toEqual([]);
    } finally {
      await postgres.destroy();
    }
  }, 60_000);

  // MikroORM read only the host, port, user, password and database of the URL: a connection asked to use TLS went in
  // plain text wherever the migrations' own client (which reads the whole URL) did not run first.
  it('stops at a DATABASE_URL asking for TLS the server does not offer, migrations on or off', async () => {
    const postgres = await ThrowawayPostgres.create();
    try {
      const url = `${postgres.url}?sslmode=require`;
      for (const DB_MIGRATE of ['true', 'false']) {
        const run = runShipped({ DATABASE_URL: url, DB_MIGRATE, JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY });
        expect([DB_MIGRATE, run.status, run.stderr]).toEqual([DB_MIGRATE, 1, expect.stringContaining('The server does not support SSL connections')]);
      }
    } finally {
      await postgres.destroy();
    }
  }, 60_000);

  // On an empty database it stopped at "relation \"products\" does not exist"; with one migration not applied it
  // served, the new code on the old schema.
  it('stops with DB_MIGRATE=false while migrations are not applied, saying how to apply them', async () => {
    const postgres = await ThrowawayPostgres.create();
    try {
      const run = runShipped({ DATABASE_URL: postgres.url, DB_MIGRATE: 'false', JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true', WEBHOOK_SECRET_KEY });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Start-up failed: DB_MIGRATE=false, and \d+ migrations are not applied \(M001Identity, .*\): apply them with `npm run migration:up`, or start one instance with DB_MIGRATE=true\.$/),
      ]);
    } finally {
      await postgres.destroy();
    }
  }, 60_000);

  it('stops at a NATS_URL where no server answers, naming it in one line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-nats-'));
    try {
      const run = runShipped({ ...badPort, PORT: '0', DATA_DIR: dataDir, NATS_URL: 'nats://127.0.0.1:1' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Start-up failed: NATS_URL: no NATS server answers there \(.+\)\.$/)]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second process on the embedded database it serves, naming the DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-owner-'));
    const owner = await startInstance({ DATA_DIR: dataDir, DB_MIGRATE: 'true' });
    try {
      const second = runShipped({ ...badPort, PORT: '0', DATA_DIR: dataDir });
      expect(second.status).toBe(1);
      // One line that says it, not the framework's trace of it.
      expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Start-up failed: DATA_DIR ${dataDir}: the embedded database is in use by process`))]);
      expect((await fetch(`${owner.url}/health/ready`)).status).toBe(200);
    } finally {
      await owner.stop();
    }
    const after = await startInstance({ DATA_DIR: dataDir, DB_MIGRATE: 'true' }); // the owner gone, its directory serves again
    await after.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("takes over a lock its host's process left, and refuses one of another host (another container), naming the file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-lock-'));
    const lock = join(dataDir, 'commerce-backend.pid');
    try {
      writeFileSync(lock, `1@another-container`);
      const refused = runShipped({ ...badPort, PORT: '0', DATA_DIR: dataDir });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([
        `Start-up failed: DATA_DIR ${dataDir}: the embedded database is in use by process 1 on host another-container (commerce-backend.pid); one process serves it. If that host is gone, delete ${lock}`,
      ]);
      // A pid no process has, on this host: its owner was killed, and the directory serves again.
      writeFileSync(lock, `4194304@${hostname()}`);
      const after = await startInstance({ DATA_DIR: dataDir, DB_MIGRATE: 'true' });
      const [pid, host] = readFileSync(lock, 'utf8').split('@');
      expect({ host, stale: pid === '4194304' }).toEqual({ host: hostname(), stale: false });
      await after.stop();
      expect(existsSync(lock)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('stops at an ADMIN_PASSWORD the password policy refuses, naming it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-admin-'));
    try {
      const run = runShipped({ ...badPort, PORT: '0', DATA_DIR: dataDir, ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'passwordpassword' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Start-up failed: ADMIN_PASSWORD: This password is too easy to guess: it is a common one, or made of your name or email address; choose another.');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // Node's errno alone ("listen EADDRINUSE", "getaddrinfo ENOTFOUND") left the operator to guess which setting it was.
  it('stops at a PORT another process holds, or a HOST that is not this machine, naming the setting', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-test-listen-'));
    try {
      const inUse = runShipped({ ...badPort, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
      const elsewhere = runShipped({ ...badPort, PORT: '0', HOST: '192.0.2.1', DATA_DIR: dataDir }); // TEST-NET-1, RFC 5737
      expect([inUse.status, inUse.stderr.trim().split('\n').at(-1)]).toEqual([1, `Start-up failed: PORT ${port}: another process already listens there (HOST 127.0.0.1).`]);
      expect([elsewhere.status, elsewhere.stderr.trim().split('\n').at(-1)]).toEqual([1, 'Start-up failed: HOST 192.0.2.1: not an address of this machine.']);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to start in production without JWT_SECRET', () => {
    const run = runShipped({ MAIL_DISABLED: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/JWT_SECRET: /);
  });

  it('refuses to start in production without SMTP_URL unless mail is disabled on purpose', () => {
    const run = runShipped({ JWT_SECRET: 'x'.repeat(40), WEBHOOK_SECRET_KEY });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/SMTP_URL: .*MAIL_DISABLED=true/);
  });

  it('refuses to start in production without WEBHOOK_SECRET_KEY, which keeps webhook signing secrets encrypted', () => {
    const run = runShipped({ JWT_SECRET: 'x'.repeat(40), MAIL_DISABLED: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WEBHOOK_SECRET_KEY: .*required in production/);
  });
});
