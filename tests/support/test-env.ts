import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh folder for one test file's database and browser profile. */
export function tempDir(prefix = "consulta-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
