import { loadQuestionnaire } from "~/engine/check";
import type { Questionnaire } from "~/engine/definition";

/** The versions of each questionnaire: id -> version -> definition. */
export type DefinitionVersions = Map<string, Map<number, Questionnaire>>;

/**
 * Parses and checks definition files (`<id>/v<N>.json` -> raw JSON); throws one error naming the file and
 * every fault's path, so a broken definition stops the app at start and says where to look.
 */
export function loadDefinitions(
  files: Readonly<Record<string, unknown>>,
  localesOf: (id: string) => Record<string, unknown>,
): DefinitionVersions {
  const versions: DefinitionVersions = new Map();
  for (const [file, raw] of Object.entries(files)) {
    const expected = /^([^/]+)\/v([1-9][0-9]*)\.json$/.exec(file);
    const id = (raw as { id?: unknown } | null)?.id;
    const version = (raw as { version?: unknown } | null)?.version;
    let questionnaire: Questionnaire;
    try {
      if (!expected || expected[1] !== id || Number(expected[2]) !== version)
        throw new Error(`its id and version (${String(id)}, ${String(version)}) do not match the file name`);
      questionnaire = loadQuestionnaire(raw, localesOf(String(id)));
    } catch (error) {
      throw new Error(`Questionnaire definition ${file}: ${(error as Error).message}`, { cause: error });
    }
    if (!versions.has(questionnaire.id)) versions.set(questionnaire.id, new Map());
    versions.get(questionnaire.id)!.set(questionnaire.version, questionnaire);
  }
  return versions;
}

/** The latest version unless one is asked for. */
export function pickVersion(versions: DefinitionVersions, id: string, version?: number): Questionnaire | undefined {
  const byVersion = versions.get(id);
  if (!byVersion) return undefined;
  return byVersion.get(version ?? Math.max(...byVersion.keys()));
}
