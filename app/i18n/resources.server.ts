import fs from "node:fs";
import path from "node:path";
import type { Resource, ResourceKey, ResourceLanguage } from "i18next";
import { fallbackLanguage } from "./config";

export const localesDir = path.resolve(process.env.LOCALES_DIR ?? "locales");

/**
 * Reads `locales/<language>/<namespace>.json`. A language is any folder there:
 * translators add one by dropping in a folder, without touching code.
 */
export function loadResources(dir: string = localesDir): Resource {
  const resources: Resource = {};
  for (const language of fs.readdirSync(dir).sort()) {
    const folder = path.join(dir, language);
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) || !fs.statSync(folder).isDirectory()) continue;
    const namespaces: ResourceLanguage = {};
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const text = fs.readFileSync(path.join(folder, file), "utf8");
      try {
        namespaces[file.slice(0, -".json".length)] = JSON.parse(text) as ResourceKey;
      } catch (error) {
        throw new Error(`${path.join(folder, file)} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
    resources[language] = namespaces;
  }
  if (!resources[fallbackLanguage]) throw new Error(`No ${fallbackLanguage} folder in ${dir}`);
  return resources;
}
