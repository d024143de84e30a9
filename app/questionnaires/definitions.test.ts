import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { definitionJsonSchema } from "./definition-json-schema";
import { definitionsFolder, listDefinitionFiles, readDefinitionFile } from "./definition-files.server";
import { releasedDefinitions } from "./definitions";
import { loadDefinitions, pickVersion } from "./load-definitions";

const localesOf = (id: string) =>
  Object.fromEntries(
    ["en", "es"].map((language) => [language, JSON.parse(fs.readFileSync(`locales/${language}/${id}.json`, "utf8"))]),
  );

describe("definitions as JSON", () => {
  it("keeps schema.json as npm run definition:schema writes it from the zod schema", () => {
    expect(fs.readFileSync(`${definitionsFolder}/schema.json`, "utf8")).toBe(definitionJsonSchema());
  });

  it("serves every definition file in the folder, each pointing to the schema", () => {
    const files = listDefinitionFiles();
    expect(Object.keys(releasedDefinitions).sort()).toEqual(files.map((f) => f.file).sort());
    for (const { file } of files) {
      expect(releasedDefinitions[file]).toEqual(readDefinitionFile(file));
      expect((readDefinitionFile(file) as { $schema?: string }).$schema).toBe("../schema.json");
    }
  });

  it("loads every released definition with the checker", () => {
    const versions = loadDefinitions(releasedDefinitions, localesOf);
    expect(pickVersion(versions, "pre-regm")?.version).toBe(2);
    expect(pickVersion(versions, "pre-regm", 1)?.version).toBe(1);
    expect(pickVersion(versions, "demo", 1)?.id).toBe("demo");
    expect(pickVersion(versions, "demo", 9)).toBeUndefined();
  });

  it("stops at start naming the file and the path of a fault", () => {
    const demo = structuredClone(releasedDefinitions["demo/v1.json"]) as {
      sections: Array<{ questions: Array<{ type: string }> }>;
    };
    demo.sections[1]!.questions[0]!.type = "slider";
    expect(() => loadDefinitions({ "demo/v1.json": demo }, localesOf)).toThrow(
      /demo\/v1\.json: .*sections\.1 \(facts\)\.questions\.0 \(name\)\.type/s,
    );
  });

  it("refuses a file whose name does not match its id and version", () => {
    expect(() => loadDefinitions({ "demo/v2.json": releasedDefinitions["demo/v1.json"] }, localesOf)).toThrow(
      /demo\/v2\.json: its id and version \(demo, 1\) do not match the file name/,
    );
  });
});
