// Finds (and if needed installs) PostgreSQL's server programs, and runs the throw-away clusters that the collector's
// tests and benchmark use: $POSTGRES_BIN, the PATH, /usr/lib/postgresql/<version>/bin (newest first), else Debian's
// `postgresql` with apt-get as root, exactly as nginx and Chromium are found (nginx.mjs, browser.mjs).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { canInstallDebianPackages, installDebianPackages, run } from './debian-packages.mjs';

const hasServerPrograms = (folder) => ['initdb', 'pg_ctl', 'postgres'].every((program) => existsSync(join(folder, program)));

/** The folder holding initdb, pg_ctl and postgres on this machine, or null. */
export function findPostgres() {
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  return [process.env.POSTGRES_BIN, ...fromPath, ...debian].find((folder) => folder && hasServerPrograms(folder)) ?? null;
}

/** PostgreSQL's server programs, installing Debian's package when none is found. Throws, saying what to do, when nothing works. */
export function ensurePostgres() {
  const found = findPostgres();
  if (found) return found;
  if (canInstallDebianPackages()) {
    console.log('No PostgreSQL found: installing Debian’s postgresql with apt-get (the collector’s store is tested on it too).');
    installDebianPackages(['postgresql']);
  }
  const installed = findPostgres();
  if (!installed) {
    throw new Error('No PostgreSQL could be found or installed: install it (Debian: apt-get install postgresql) or set POSTGRES_BIN to the folder holding initdb and pg_ctl.');
  }
  return installed;
}

/** PostgreSQL refuses to run as root: the system user it then runs as, created when missing (Debian's package creates it). */
function systemUser() {
  const name = 'postgres';
  if (spawnSync('id', ['-u', name]).status !== 0) run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  const id = (flag) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { name, uid: id('-u'), gid: id('-g') };
}

/** A port nobody listens on (never 4173-4179, which the app's servers use). */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: found } = server.address();
        server.close(() => resolve(found));
      });
    });
    if (port < 4173 || port > 4179) return port;
  }
}

/**
 * A throw-away PostgreSQL cluster: a temporary folder holding its data and its socket, a free port on 127.0.0.1, trust
 * authentication (nothing but this machine reaches it), fsync on as in production. As root, its programs run as the
 * `postgres` system user, who owns the folder. `stop()` stops it (mode `immediate` is a crash: no checkpoint), `start()`
 * starts it again on the same port and data, `remove()` stops it and deletes the folder. Throws with the server's log
 * when it does not start.
 */
export async function startPostgresCluster({ binDir = ensurePostgres(), port } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'repere-postgres-'));
  const user = process.getuid?.() === 0 ? systemUser() : null;
  if (user) chownSync(folder, user.uid, user.gid);
  const data = join(folder, 'data');
  const log = join(folder, 'server.log');
  const listenOn = port ?? (await freePort());
  const program = (name, args) => {
    const [command, all] = user ? ['runuser', ['-u', user.name, '--', join(binDir, name), ...args]] : [join(binDir, name), args];
    const result = spawnSync(command, all, { encoding: 'utf8', cwd: folder });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`PostgreSQL: ${name} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}${serverLog ? `\n${serverLog}` : ''}`);
    }
  };
  const start = () =>
    program('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${listenOn} -k ${folder} -c listen_addresses=127.0.0.1`, 'start']);
  const stop = (mode = 'fast') => program('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  try {
    // --no-sync: only initdb's own files, a throw-away cluster; the server itself syncs every commit.
    program('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${listenOn}/postgres`,
    port: listenOn,
    folder,
    start() {
      start();
      running = true;
    },
    stop(mode) {
      stop(mode);
      running = false;
    },
    remove() {
      try {
        if (running) stop('fast');
      } finally {
        running = false;
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
