import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import { commonNamespace } from "./config";
import { definitionUsage, emptyUsage, mergeUsage, scanSource, type Usage } from "./usage";

/**
 * The keys the application's source uses and the questionnaire definitions, read from the
 * source tree (not the build): for `npm run i18n:check` and the context of exported texts.
 */

/** Every .ts/.tsx file under a folder, tests left out. */
function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(folder, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

export interface CodeUsage {
  usage: Usage;
  questionnaires: Questionnaire[];
  /** A definition that does not parse, so its wording keys are unknown: `✗` lines. */
  faults: string[];
}

export async function collectCodeUsage(root: string): Promise<CodeUsage> {
  const parts: Usage[] = [emptyUsage];
  // server.mjs answers some refusals itself, from the same locale files.
  for (const file of [...sourceFiles(path.join(root, "app")), path.join(root, "server.mjs")]) {
    if (!fs.existsSync(file)) continue;
    parts.push(scanSource(path.relative(root, file), fs.readFileSync(file, "utf8"), commonNamespace));
  }
  const questionnaireDir = path.join(root, "app", "questionnaires");
  // A definition is a file whose default export is an object literal (demo.ts, pre-regm.ts);
  // other modules there (the registry, helpers) are not imported.
  const definitions = fs
    .readdirSync(questionnaireDir)
    .filter((f) => /^[^.]+\.ts$/.test(f) && /^export default\s*\{/m.test(fs.readFileSync(path.join(questionnaireDir, f), "utf8")))
    .sort();
  const questionnaires: Questionnaire[] = [];
  const faults: string[] = [];
  for (const file of definitions) {
    const where = path.relative(root, path.join(questionnaireDir, file));
    const raw = ((await import(pathToFileURL(path.join(questionnaireDir, file)).href)) as { default?: unknown }).default;
    const parsed = questionnaireSchema.safeParse(raw);
    if (!parsed.success) {
      faults.push(
        `✗ ${where} is not a valid questionnaire definition, so its wording keys are unknown: ${parsed.error.issues[0]?.message}`,
      );
      continue;
    }
    questionnaires.push(parsed.data);
    parts.push(definitionUsage(parsed.data, where));
  }
  return { usage: mergeUsage(...parts), questionnaires, faults };
}
