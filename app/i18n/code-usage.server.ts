import fs from "node:fs";
import path from "node:path";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import { definitionsFolder, listDefinitionFiles, readDefinitionFile } from "~/questionnaires/definition-files.server";
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
  const questionnaires: Questionnaire[] = [];
  const faults: string[] = [];
  const folder = path.join(root, definitionsFolder);
  const files = listDefinitionFiles(folder);
  for (const { file, id } of files) {
    const where = path.join(definitionsFolder, file);
    const parsed = questionnaireSchema.safeParse(readDefinitionFile(file, folder));
    if (!parsed.success) {
      faults.push(
        `✗ ${where} is not a valid questionnaire definition, so its wording keys are unknown: ${parsed.error.issues[0]?.message}`,
      );
      continue;
    }
    // Every version's keys are in use (an old response is shown with its own version); the latest describes the questionnaire.
    parts.push(definitionUsage(parsed.data, where));
    if (files.filter((f) => f.id === id).at(-1)?.file === file) questionnaires.push(parsed.data);
  }
  return { usage: mergeUsage(...parts), questionnaires, faults };
}
