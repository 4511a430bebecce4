// The natter-server the end-to-end tests run against.
//
// Two modes:
//  - external: a server is already running at NATTER_E2E_BASE_URL (default http://127.0.0.1:8080),
//    serving web/dist with NATTER_DEV_LOGIN=1 and allowing that origin. Restarting it for the
//    reconnect test takes NATTER_E2E_STOP_CMD and NATTER_E2E_START_CMD (shell commands).
//  - managed: NATTER_E2E_SERVER=managed (or nothing answers at the base URL): the fixture starts
//    natter-server itself (NATTER_SERVER_BIN, default ../build/server/natter-server) on the base
//    URL's port (with NATTER_E2E_SERVER=managed and no NATTER_E2E_BASE_URL, a free port) against a real PostgreSQL: DATABASE_URL / NATTER_E2E_DATABASE_URL when set, else a
//    fresh database in NATTER_TEST_DATABASE_URL's cluster (what `make test` provides), else a
//    throwaway cluster of its own (scripts/lib-postgres.sh). It can then stop and start it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const webDir = path.resolve(import.meta.dirname, '..', '..');
const repoDir = path.resolve(webDir, '..');

/**
 * A port nobody listens on now, asked of the kernel. Synchronous because the config needs the
 * base URL when it loads; a child process does the asking, since sockets are asynchronous.
 */
function freePort(): number {
  const script =
    "const s=require('net').createServer();" +
    "s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/**
 * A managed server without a given base URL gets a free port, written back into the
 * environment so that Playwright's workers (child processes) agree on it. Parallel runs (two
 * worktrees, CI beside a developer) therefore never collide on a fixed port.
 */
function resolveBaseURL(): string {
  const given = process.env.NATTER_E2E_BASE_URL;
  if (given) return given.replace(/\/$/, '');
  if (process.env.NATTER_E2E_SERVER !== 'managed') return 'http://127.0.0.1:8080';
  const picked = `http://127.0.0.1:${freePort()}`;
  process.env.NATTER_E2E_BASE_URL = picked;
  return picked;
}

export const baseURL = resolveBaseURL();

async function healthy(timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function waitForHealthy(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await healthy()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`natter-server did not become healthy at ${baseURL} within ${timeoutMs} ms`);
}

export interface ServerControl {
  mode: 'external' | 'managed';
  canRestart: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Restarts a managed server with these variables on top of the usual ones (`{}` restores
   * the usual server). Specs that need another configuration use it and restore it after.
   */
  restartWith(env: Record<string, string>): Promise<void>;
  dispose(): Promise<void>;
}

function sh(command: string): void {
  execFileSync('bash', ['-c', command], { stdio: 'inherit' });
}

function externalControl(): ServerControl {
  const stopCmd = process.env.NATTER_E2E_STOP_CMD;
  const startCmd = process.env.NATTER_E2E_START_CMD;
  return {
    mode: 'external',
    canRestart: Boolean(stopCmd && startCmd),
    async stop() {
      if (!stopCmd) throw new Error('NATTER_E2E_STOP_CMD is not set');
      sh(stopCmd);
    },
    async start() {
      if (!startCmd) throw new Error('NATTER_E2E_START_CMD is not set');
      sh(startCmd);
      await waitForHealthy();
    },
    async restartWith() {
      throw new Error('An external server cannot be reconfigured by the tests');
    },
    async dispose() {},
  };
}

interface Database {
  url: string;
  cleanup: () => void;
}

function provideDatabase(): Database {
  const given = process.env.NATTER_E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) return { url: given, cleanup: () => {} };
  const name = `natter_e2e_${process.pid}_${Date.now()}`;
  const cluster = process.env.NATTER_TEST_DATABASE_URL;
  if (cluster) {
    execFileSync('psql', [cluster, '-qc', `CREATE DATABASE "${name}"`]);
    const url = cluster.includes('dbname=')
      ? cluster.replace(/dbname=\S+/, `dbname=${name}`)
      : cluster.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      url,
      cleanup: () => {
        try {
          execFileSync('psql', [cluster, '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
        } catch {
          // Best effort: the cluster is thrown away after the run anyway.
        }
      },
    };
  }
  // A private throwaway cluster, as scripts/test.sh makes one.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'natter-e2e-pg.'));
  fs.chmodSync(parent, 0o755);
  const lib = path.join(repoDir, 'scripts', 'lib-postgres.sh');
  const run = (cmd: string) =>
    execFileSync('bash', ['-c', `. "${lib}"; ${cmd}`], {
      stdio: 'inherit',
      env: { ...process.env, NATTER_PG_FSYNC: 'off' },
    });
  run(`pg_cluster_init "${parent}/data" && pg_cluster_start "${parent}/data" "${parent}/socket"`);
  run(`pg_create_database "${parent}/socket" natter`);
  return {
    url: `host=${parent}/socket dbname=natter user=postgres`,
    cleanup: () => {
      run(`pg_cluster_stop "${parent}/data"`);
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

function managedControl(): ServerControl {
  const bin =
    process.env.NATTER_SERVER_BIN ?? path.join(repoDir, 'build', 'server', 'natter-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`No server at ${baseURL} and no natter-server binary at ${bin} (make build).`);
  }
  const webRoot = path.join(webDir, 'dist');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` first.');
  }
  const url = new URL(baseURL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'natter-e2e-data.'));
  const database = provideDatabase();
  const logPath = path.join(webDir, 'test-results', 'natter-server.log');
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  let child: ChildProcess | null = null;
  let extraEnv: Record<string, string> = {};

  const start = async () => {
    const log = fs.openSync(logPath, 'a');
    child = spawn(bin, ['serve'], {
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        NATTER_LISTEN: `${url.hostname}:${url.port || 80}`,
        NATTER_PUBLIC_URL: baseURL,
        NATTER_WEB_ROOT: webRoot,
        NATTER_DEV_LOGIN: '1',
        NATTER_DATA_DIR: dataDir,
        // Every person of every spec signs in from 127.0.0.1 and the specs seed history over
        // REST: the limits stay on (their code runs), with room for a whole suite.
        NATTER_RATE_SIGNIN: '50/2000',
        NATTER_RATE_REFRESH: '50/2000',
        NATTER_RATE_SEND: '50/2000',
        NATTER_RATE_SEARCH: '50/2000',
        NATTER_RATE_GROUP_CREATE: '10/500',
        ...extraEnv,
      },
    });
    fs.closeSync(log);
    await waitForHealthy();
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    mode: 'managed',
    canRestart: true,
    start,
    stop,
    async restartWith(env) {
      await stop();
      extraEnv = env;
      await start();
    },
    async dispose() {
      await stop();
      database.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startServer(): Promise<ServerControl> {
  const wanted = process.env.NATTER_E2E_SERVER;
  if (wanted === 'external' || (wanted !== 'managed' && (await healthy(2_000)))) {
    await waitForHealthy(5_000);
    return externalControl();
  }
  const control = managedControl();
  await control.start();
  return control;
}
