import { MISSING } from "~/engine/missing";
import { inVersions, valueLabelsText, wordingsText, type VariableDescription } from "./codebook";

/**
 * A Frictionless Tabular Data Package (datapackage.json) describing the coded CSV and the
 * repeatable groups' item files: Table Schema field types, enum constraints from the value sets,
 * the missing codes as missingValues, the response id as primary key and the items' foreign key.
 * Written from the same variable descriptions as the codebook, in one language.
 */

export interface PackageFile {
  /** The resource name: lower case letters, digits, - _ . only. */
  name: string;
  path: string;
  title: string;
  variables: VariableDescription[];
  /** The repeatable group whose items the file holds: keyed by response and item, pointing to the responses. */
  group?: boolean;
}

type FieldType = "string" | "integer" | "number" | "date" | "datetime";

interface Field {
  name: string;
  title: string;
  description?: string;
  type: FieldType;
  format?: string;
  constraints?: { enum?: Array<string | number>; minimum?: number; maxLength?: number; required?: boolean };
}

// A draft has no submission time, an open link no invitation: those cells are blank.
const MISSING_VALUES = ["", ...Object.values(MISSING).map(String)];
const DATETIME = new Set(["started_at", "submitted_at"]);
const INTEGER_METADATA = new Set(["questionnaire_version", "item"]);

function typeOf(v: VariableDescription): FieldType {
  if (v.type === "metadata")
    return DATETIME.has(v.variable) ? "datetime" : INTEGER_METADATA.has(v.variable) ? "integer" : "string";
  if (v.type === "categorical") return v.values.some((x) => typeof x.code === "string") ? "string" : "integer";
  if (v.type === "flag" || v.type === "count") return "integer";
  if (v.type === "number") return v.integer ? "integer" : "number";
  if (v.type === "date") return "date";
  return "string";
}

function field(v: VariableDescription): Field {
  const type = typeOf(v);
  const description = [
    valueLabelsText(v.values),
    v.missing.length ? `Missing: ${valueLabelsText(v.missing)}` : "",
    v.skipRule,
    // A dataset pooling versions: which asked the variable, and how each worded it when reworded.
    v.askedIn ? `Asked in: ${inVersions(v.askedIn)}` : "",
    v.wordings ? `Worded: ${wordingsText(v)}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  // Readers that ignore missingValues still find the missing codes allowed.
  const codes = v.values.length ? [...v.values.map((x) => x.code), ...v.missing.map((x) => x.code)] : undefined;
  const constraints: Field["constraints"] = {
    ...(codes ? { enum: type === "integer" ? codes.map(Number) : codes.map(String) } : {}),
    ...(v.type === "count" ? { minimum: 0 } : {}),
    ...(v.variable === "response_id" ? { required: true } : {}),
  };
  return {
    name: v.variable,
    title: v.label,
    ...(description ? { description } : {}),
    type,
    // ISO 8601 with milliseconds (2026-12-01T09:47:36.705Z), which the default format leaves out.
    ...(type === "datetime" ? { format: "any" } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

export interface PackageMeta {
  name: string;
  title: string;
  description: string;
  created: string;
}

/** datapackage.json for the files of one export; `files[0]` is the coded responses file. */
export function dataPackage(meta: PackageMeta, files: PackageFile[]): object {
  const responses = files[0]!.name;
  return {
    profile: "tabular-data-package",
    name: meta.name,
    title: meta.title,
    description: meta.description,
    created: meta.created,
    resources: files.map((file) => ({
      profile: "tabular-data-resource",
      name: file.name,
      path: file.path,
      title: file.title,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      dialect: { delimiter: ",", doubleQuote: true, lineTerminator: "\r\n", header: true },
      schema: {
        fields: file.variables.map(field),
        missingValues: MISSING_VALUES,
        primaryKey: file.group ? ["response_id", "item"] : ["response_id"],
        ...(file.group
          ? { foreignKeys: [{ fields: ["response_id"], reference: { resource: responses, fields: ["response_id"] } }] }
          : {}),
      },
    })),
  };
}
