// One side of the export benchmark, run alone in its own process by scripts/bench.ts so that its
// peak memory (maxRSS) is its own. Prints one line: BENCH_RESULT {json}.
//   node --import tsx scripts/bench-export-child.ts export    DATABASE OUT.csv [FORMAT, default coded]
//   node --import tsx scripts/bench-export-child.ts papaparse IN.csv OUT.csv
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import { migrateToLatest, openDatabase } from "../db/connection";
import { exportDataset, FORMATS, type ExportFormat } from "../app/export/export.server";
import { getQuestionnaire } from "../app/questionnaires/registry.server";

const [mode, input, out, format = "coded"] = process.argv.slice(2);
if (!input || !out || (mode !== "export" && mode !== "papaparse") || !FORMATS.includes(format as ExportFormat)) {
  console.error("usage: bench-export-child.ts export|papaparse INPUT OUT [FORMAT]");
  process.exit(2);
}

function report(extra: Record<string, unknown>) {
  const usage = process.resourceUsage();
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      mode,
      ...extra,
      bytes: fs.statSync(out!).size,
      maxRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    })}`,
  );
}

if (mode === "export") {
  // The same call as `npm run export -- --format FORMAT`: submitted responses, no personal data.
  const questionnaire = getQuestionnaire("pre-regm")!;
  const db = openDatabase(input);
  await migrateToLatest(db);
  const started = performance.now();
  const file = await exportDataset(db, questionnaire, {
    format: format as ExportFormat,
    filters: { questionnaireId: questionnaire.id, statuses: ["submitted"], languages: [], codes: {} },
    language: "en",
  });
  await pipeline(Readable.from(file.chunks), fs.createWriteStream(out));
  const ms = performance.now() - started;
  await db.destroy();
  report({ ms });
} else {
  // The same rows, already in memory as arrays of cells (read back from the export's own file,
  // before the clock starts), written by one Papa.unparse with the coded CSV's settings: codes as
  // numbers, text exactly as typed (the coded file is for analysis tools, never neutralised).
  const text = fs.readFileSync(input, "utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { newline: "\r\n", skipEmptyLines: true });
  const cellOf = (cell: string): string | number => (/^-?\d{1,15}$/.test(cell) ? Number(cell) : cell);
  const rows = parsed.data.map((row) => row.map(cellOf));
  const started = performance.now();
  const csv = Papa.unparse(rows, { newline: "\r\n", escapeFormulae: false });
  fs.writeFileSync(out, `\uFEFF${csv}\r\n`);
  const ms = performance.now() - started;
  report({ ms, rows: rows.length - 1, columns: rows[0]?.length ?? 0 });
}
