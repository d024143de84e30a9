// npm run paper
// Writes the paper version of the Pre-REGM questionnaire, one document per enabled language
// (LANGUAGES, default en,es): docs/questionnaire.md in English, docs/questionnaire.<language>.md for the others.
import fs from "node:fs";
import path from "node:path";
import { paperPath, paperVersions } from "../app/questionnaires/paper-version";
import { env } from "../app/utils/env.server";

for (const [language, markdown] of paperVersions(env.LANGUAGES)) {
  const target = path.resolve(paperPath(language));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, markdown);
  console.log(`Wrote ${paperPath(language)}`);
}
