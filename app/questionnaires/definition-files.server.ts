import fs from "node:fs";
import path from "node:path";

/** Where the definitions live, relative to the project root: `<id>/v<version>.json`, like migrations. */
export const definitionsFolder = "app/questionnaires/definitions";

export interface DefinitionFile {
  /** Relative to the definitions folder, e.g. `pre-regm/v1.json`. */
  file: string;
  id: string;
  version: number;
}

/** Every `<id>/v<N>.json` under a definitions folder, by id then version (read from the source tree, not the build). */
export function listDefinitionFiles(folder: string = path.resolve(definitionsFolder)): DefinitionFile[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((dir) =>
      fs.readdirSync(path.join(folder, dir.name)).flatMap((name) => {
        const match = /^v([1-9][0-9]*)\.json$/.exec(name);
        return match ? [{ file: `${dir.name}/${name}`, id: dir.name, version: Number(match[1]) }] : [];
      }),
    )
    .sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

export function readDefinitionFile(file: string, folder: string = path.resolve(definitionsFolder)): unknown {
  return JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
}
