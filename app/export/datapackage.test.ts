import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema, type Questionnaire } from "~/engine/definition";
import demoDefinition from "~/questionnaires/demo";
import preRegmDefinition from "~/questionnaires/pre-regm";
import { seedRandomResponses } from "../../tests/support/random-responses";
import { exportDataset } from "./export.server";

/**
 * datapackage.json checked by the Frictionless reference library against the official Tabular Data
 * Package profile, and every CSV of the zip read through its schema: header = fields, every cell
 * cast to its type and within its enum, keys unique and the items' foreign key resolved.
 */

interface Resource {
  name: string;
  headers: string[];
  schema: { fieldNames: string[] };
  read: (options: { cast?: boolean; relations?: boolean; keyed?: boolean }) => Promise<unknown[]>;
}
interface LoadedPackage {
  valid: boolean;
  errors: Error[];
  profile: { name: string };
  resources: Resource[];
  descriptor: { profile: string; resources: Array<{ name: string; schema: { foreignKeys?: unknown[]; primaryKey: string[] } }> };
}

// The oracle ships no types, and is a test-time dependency only.
const { Package } = createRequire(import.meta.url)("datapackage") as {
  Package: { load: (path: string) => Promise<LoadedPackage> };
};

const parse = (q: unknown) => questionnaireSchema.parse(q);

describe.each([
  ["demo", parse(demoDefinition)],
  ["pre-regm", parse(preRegmDefinition)],
])("the %s data package", (_, questionnaire: Questionnaire) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consulta-datapackage-"));
  const groups = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group");
  let pkg: LoadedPackage;

  beforeAll(async () => {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    await seedRandomResponses(db, questionnaire, { count: 40, seed: 15 });
    const file = await exportDataset(db, questionnaire, {
      format: "zip",
      filters: { questionnaireId: questionnaire.id, statuses: ["submitted", "draft"], languages: [], codes: {} },
      language: "es",
    });
    const parts: Buffer[] = [];
    for await (const chunk of file.chunks) parts.push(Buffer.from(chunk));
    for (const [name, bytes] of Object.entries(unzipSync(Buffer.concat(parts)))) {
      // The CSVs start with UTF-8's signature for Excel. Frictionless-py and R's frictionless skip it;
      // this old JavaScript reader would take it as part of the first column's name, so it is cut here.
      const text = Buffer.from(bytes).toString("utf8");
      fs.writeFileSync(path.join(dir, name), name.endsWith(".csv") ? text.replace(/^\uFEFF/, "") : text);
    }
    pkg = await Package.load(path.join(dir, "datapackage.json"));
  }, 60_000);

  it("is a valid Tabular Data Package", () => {
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.descriptor).toMatchObject({ profile: "tabular-data-package" });
    expect(pkg.resources.map((r) => r.name)).toEqual(["responses", ...groups.map((g) => `${g.id}-items`)]);
  });

  it("has each CSV's header exactly as its schema's fields", async () => {
    for (const resource of pkg.resources) {
      await resource.read({ cast: false });
      expect(resource.headers).toEqual(resource.schema.fieldNames);
    }
  });

  it("casts every cell to its field's type and constraints, with unique keys and resolved foreign keys", async () => {
    for (const resource of pkg.resources) {
      const rows = await resource
        .read({ cast: true, relations: true, keyed: true })
        .catch((error: Error & { errors?: Error[] }) => {
          throw new Error(`${resource.name}: ${[error.message, ...(error.errors ?? []).map((e) => e.message)].join("; ")}`);
        });
      expect(rows.length).toBeGreaterThan(0);
    }
    const items = pkg.descriptor.resources.slice(1);
    for (const item of items) {
      expect(item.schema.primaryKey).toEqual(["response_id", "item"]);
      expect(item.schema.foreignKeys).toEqual([
        { fields: ["response_id"], reference: { resource: "responses", fields: ["response_id"] } },
      ]);
    }
  });
});
