import fs from "node:fs";
import path from "node:path";
import type { Resource, ResourceKey, ResourceLanguage } from "i18next";
import { fallbackLanguage } from "./config";
import { formatJsonProblem, locateJsonError, type JsonProblem } from "./json-errors";
import { parseLocaleMeta, type LocaleMeta } from "./locale-meta";

export const localesDir = path.resolve(process.env.LOCALES_DIR ?? "locales");

/** A locale file that is not valid JSON, located for the translator. */
export interface BrokenFile extends JsonProblem {
  file: string;
  language: string;
  namespace: string;
}

/**
 * Reads `locales/<language>/<namespace>.json`. A language is any folder there:
 * translators add one by dropping in a folder, without touching code. Every broken file
 * is reported, not only the first, so one run lists all there is to mend.
 */
export function readResources(dir: string = localesDir): { resources: Resource; broken: BrokenFile[] } {
  const resources: Resource = {};
  const broken: BrokenFile[] = [];
  for (const language of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, language);
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) || !fs.statSync(folder).isDirectory()) continue;
    const namespaces: ResourceLanguage = {};
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".json") && !f.startsWith("."))
      .sort()) {
      const text = fs.readFileSync(path.join(folder, file), "utf8");
      const namespace = file.slice(0, -".json".length);
      try {
        namespaces[namespace] = JSON.parse(text) as ResourceKey;
      } catch (error) {
        broken.push({ file: path.join(folder, file), language, namespace, ...locateJsonError(text, error) });
      }
    }
    resources[language] = namespaces;
  }
  return { resources, broken };
}

export function loadResources(dir: string = localesDir): Resource {
  const { resources, broken } = readResources(dir);
  if (broken.length) throw new Error(broken.map((b) => formatJsonProblem(b.file, b)).join("\n"));
  if (!resources[fallbackLanguage]) throw new Error(`No ${fallbackLanguage} folder in ${dir}`);
  return resources;
}

/** The declarations beside the language folders (`locales/_meta.json`); none when absent. */
export function loadLocaleMeta(dir: string = localesDir): LocaleMeta {
  const file = path.join(dir, "_meta.json");
  if (!fs.existsSync(file)) return parseLocaleMeta({});
  const text = fs.readFileSync(file, "utf8");
  try {
    return parseLocaleMeta(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(formatJsonProblem(file, locateJsonError(text, error)), { cause: error });
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}
