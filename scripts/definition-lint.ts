// npm run definition:lint -- <file.json>...: prints each fault with its path; exit 1 when there is one.
import fs from "node:fs";
import { lintDefinition } from "../app/questionnaires/lint-definition.server";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("Usage: npm run definition:lint -- <definition.json>...");
  process.exit(2);
}
let faulty = false;
for (const file of files) {
  let faults: string[];
  try {
    faults = lintDefinition(JSON.parse(fs.readFileSync(file, "utf8")), "locales");
  } catch (error) {
    faults = [`cannot be read as JSON: ${(error as Error).message}`];
  }
  if (faults.length === 0) console.log(`✓ ${file}`);
  for (const fault of faults) console.log(`✗ ${file}: ${fault}`);
  faulty ||= faults.length > 0;
}
process.exit(faulty ? 1 : 0);
