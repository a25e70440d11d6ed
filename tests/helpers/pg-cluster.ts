/**
 * Throwaway PostgreSQL clusters on loopback, made with Debian's PostgreSQL 15 binaries: a
 * primary (`initdb`) and streaming replicas of it (`pg_basebackup -R -X stream`, hot
 * standby). PostgreSQL refuses to run as root: under root the binaries run as the
 * `postgres` user, which owns the temporary directory.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** Whether initdb, pg_ctl and pg_basebackup are there. */
export function clusterBinariesAvailable(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup'].every((name) => existsSync(path.join(PG_BIN, name)));
}

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/** Runs one of PostgreSQL's programs, as `postgres` when this process is root. */
async function pg(program: string, args: string[]): Promise<string> {
  const file = path.join(PG_BIN, program);
  const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', file, ...args]) : await run(file, args);
  return stdout;
}

/** A free TCP port on the loopback address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One running (or stopped) cluster. */
export class PgCluster {
  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): Promise<string> {
    return pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', `-p ${this.port}`, '-w', 'start']);
  }

  /** `pg_ctl stop -m immediate`: as a crash, with no goodbye to its clients. */
  stop(): Promise<string> {
    return pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }
}

/** A temporary directory holding a primary cluster and its replicas; `destroy()` stops them all and removes it. */
export class ClusterSet {
  readonly clusters: PgCluster[] = [];

  private constructor(readonly root: string) {}

  static async create(): Promise<ClusterSet> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'entente-pg-'));
    if (asRoot) await chown(root, Number(await run('id', ['-u', 'postgres']).then(({ stdout }) => stdout.trim())), Number(await run('id', ['-g', 'postgres']).then(({ stdout }) => stdout.trim())));
    return new ClusterSet(root);
  }

  /** initdb, streaming replication allowed from loopback, started. */
  async primary(): Promise<PgCluster> {
    const cluster = new PgCluster(path.join(this.root, 'primary'), await freePort(), path.join(this.root, 'primary.log'));
    await pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    // fsync off: a test cluster, thrown away after.
    await appendFile(
      path.join(cluster.dataDir, 'postgresql.conf'),
      [`listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${this.root}'`, 'wal_level = replica', 'max_wal_senders = 5', 'hot_standby = on', 'fsync = off', ''].join('\n'),
    );
    await appendFile(path.join(cluster.dataDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    this.clusters.push(cluster);
    await cluster.start();
    return cluster;
  }

  /** A hot standby streaming from `primary`, started. */
  async replica(primary: PgCluster, name = `replica${this.clusters.length}`): Promise<PgCluster> {
    const cluster = new PgCluster(path.join(this.root, name), await freePort(), path.join(this.root, `${name}.log`));
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', cluster.dataDir, '-R', '-X', 'stream', '--no-sync']);
    this.clusters.push(cluster);
    await cluster.start();
    return cluster;
  }

  async destroy(): Promise<void> {
    // Replicas first: a primary stopped first would leave them retrying their stream.
    for (const cluster of [...this.clusters].reverse()) await cluster.stop().catch(() => undefined);
    await rm(this.root, { recursive: true, force: true });
  }
}
