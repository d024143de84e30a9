// Writes app/questionnaires/definitions/schema.json from the zod schema: run it after changing app/engine/definition.ts.
import fs from "node:fs";
import path from "node:path";
import { definitionJsonSchema } from "../app/questionnaires/definition-json-schema";
import { definitionsFolder } from "../app/questionnaires/definition-files.server";

const target = path.join(definitionsFolder, "schema.json");
fs.writeFileSync(target, definitionJsonSchema());
console.log(`Wrote ${target}`);
