// npx tsx scripts/paper-version.ts   (or `npm run paper` once package.json has "paper": "tsx scripts/paper-version.ts")
// Writes the paper version of the Pre-REGM questionnaire, in English and Spanish, to docs/questionnaire.md.
import fs from "node:fs";
import path from "node:path";
import { PAPER_PATH, preRegmPaperVersion } from "../app/questionnaires/paper-version";

const target = path.resolve(PAPER_PATH);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, preRegmPaperVersion());
console.log(`Wrote ${PAPER_PATH}`);
