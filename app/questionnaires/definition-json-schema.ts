import { toJSONSchema } from "zod";
import { questionnaireSchema } from "~/engine/definition";

/** The definitions folder's schema.json, derived from the zod schema so the two cannot drift (a test compares). */
export function definitionJsonSchema(): string {
  const schema = toJSONSchema(questionnaireSchema, { io: "input", target: "draft-2020-12" });
  return JSON.stringify({ ...schema, title: "Consulta questionnaire definition" }, null, 2) + "\n";
}
