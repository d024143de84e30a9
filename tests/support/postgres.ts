// A throwaway PostgreSQL cluster from Debian's binaries, for the test suites on PostgreSQL
// (TEST_ENGINE=postgres) and for the bench's PostgreSQL column. Nothing here depends on vitest.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./chromium";
import { tempDir } from "./test-env";

export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresCluster {
  /** postgres://… of the cluster's maintenance database; `createDatabase` makes one per test file. */
  url: string;
  stop: () => void;
}

/**
 * initdb and the server refuse to run as root (CI runs as root on a fresh machine): as root they
 * run as Debian's `postgres` user, or `nobody` where the package made none.
 */
function asServerUser(directory: string): string[] {
  if (os.userInfo().uid !== 0) return [];
  const user = spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody";
  execFileSync("chown", ["-R", user, directory]);
  return ["runuser", "-u", user, "--"];
}

function run(command: string[], what: string) {
  const [program, ...args] = command;
  const result = spawnSync(program!, args, { encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`${what} failed (${command.join(" ")}):\n${result.stderr || result.stdout || result.error?.message}`);
}

/**
 * Starts a cluster in a temporary folder: loopback only on a free port, its socket in that folder,
 * trust authentication, byte-wise text order like SQLite's (locale C), and no fsync (throwaway data).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const initdb = path.join(POSTGRES_BIN, "initdb");
  if (!fs.existsSync(initdb))
    throw new Error(`${initdb} is missing: apt-get install -y postgresql (or set POSTGRES_BIN to its bin folder)`);
  const directory = tempDir("consulta-postgres-");
  const data = path.join(directory, "data");
  const prefix = asServerUser(directory);
  run([...prefix, initdb, "-D", data, "-U", "consulta", "--auth=trust", "--encoding=UTF8", "--locale=C"], "initdb");
  const port = await freePort();
  const options = [
    "-c listen_addresses=127.0.0.1",
    `-c port=${port}`,
    `-c unix_socket_directories=${directory}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  const pgCtl = path.join(POSTGRES_BIN, "pg_ctl");
  const log = path.join(directory, "server.log");
  run([...prefix, pgCtl, "-D", data, "-l", log, "-o", options, "-w", "start"], `Starting PostgreSQL (log: ${log})`);
  return {
    url: `postgres://consulta@127.0.0.1:${port}/postgres`,
    stop: () => {
      const [program, ...args] = [...prefix, pgCtl, "-D", data, "-m", "immediate", "stop"];
      spawnSync(program!, args);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

let created = 0;

/** A new empty database on the cluster, named for this process; returns its URL. */
export async function createDatabase(clusterUrl: string, name = `consulta_${process.pid}_${++created}`): Promise<string> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A cluster with one empty database, for a program outside vitest (the bench's PostgreSQL column):
 * `DATABASE_URL=url` points the app at it; `stop()` removes cluster and data.
 */
export async function startPostgresDatabase(): Promise<{ url: string; stop: () => void }> {
  const cluster = await startPostgresCluster();
  try {
    return { url: await createDatabase(cluster.url, "consulta"), stop: cluster.stop };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
