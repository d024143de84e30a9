// npm run db:backup -- FILE
// Copies the live database with SQLite's online backup, safe while the app serves, and checks the copy.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { DEFAULT_DATABASE_PATH } from "../db/connection";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run db:backup -- FILE");
  process.exit(2);
}
const source = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}.`);
  process.exit(1);
}
if (fs.existsSync(target)) {
  console.error(`${target} exists already: choose a new file.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const live = new SQLite(source, { fileMustExist: true });
try {
  live.pragma("busy_timeout = 5000");
  const { totalPages } = await live.backup(target);
  const copy = new SQLite(target, { readonly: true, fileMustExist: true });
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
