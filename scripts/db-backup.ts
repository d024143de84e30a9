// npm run db:backup -- FILE
// SQLite (DATABASE_PATH): copies the live database with SQLite's online backup and checks the copy.
// PostgreSQL (DATABASE_URL): pg_dump in its custom format, one consistent snapshot while the app
// serves; restore with pg_restore (README). Both are safe while the app serves.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { DEFAULT_DATABASE_PATH } from "../db/connection";
import { isPostgresUrl } from "../db/postgres-dialect";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run db:backup -- FILE");
  process.exit(2);
}
if (fs.existsSync(target)) {
  console.error(`${target} exists already: choose a new file.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });

const url = process.env.DATABASE_URL;
if (url && isPostgresUrl(url)) backUpPostgres(url);
else await backUpSqlite(process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);

/** Debian's pg_dump and pg_restore pick the server's version themselves; PG_BIN names another folder. */
function tool(name: string) {
  return process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name;
}

function backUpPostgres(url: string) {
  const dumped = spawnSync(tool("pg_dump"), ["--format=custom", "--no-owner", `--file=${target}`, url], { encoding: "utf8" });
  if (dumped.status !== 0) {
    fs.rmSync(target!, { force: true });
    console.error(`pg_dump failed: ${dumped.stderr || dumped.error?.message}`);
    process.exit(1);
  }
  // The archive's table of contents is read back: a truncated or foreign file fails here.
  const listed = spawnSync(tool("pg_restore"), ["--list", target!], { encoding: "utf8" });
  const tables = listed.stdout?.split("\n").filter((line) => / TABLE DATA /.test(line)).length ?? 0;
  if (listed.status !== 0 || tables === 0) {
    console.error(`The archive could not be read back: ${listed.stderr || "no table data in it"}`);
    process.exit(1);
  }
  const { hostname, pathname } = new URL(url);
  console.log(`Backed up ${pathname.slice(1)} on ${hostname} to ${target}: ${tables} tables, archive readable.`);
}

async function backUpSqlite(source: string) {
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source}.`);
    process.exit(1);
  }
  const live = new SQLite(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    const { totalPages } = await live.backup(target!);
    const copy = new SQLite(target!, { readonly: true, fileMustExist: true });
    const verdict = copy.pragma("integrity_check", { simple: true });
    const responses = (copy.prepare("select count(*) as n from responses").get() as { n: number }).n;
    copy.close();
    if (verdict !== "ok") {
      console.error(`The copy failed its integrity check: ${String(verdict)}`);
      process.exitCode = 1;
    } else {
      console.log(`Backed up ${source} to ${target}: ${totalPages} pages, ${responses} responses, integrity ok.`);
    }
  } finally {
    live.close();
  }
}
