import type { VariableDescription } from "./codebook";
import type { SavVariable } from "./sav";
import { isNumeric } from "./syntax";

/**
 * The .sav variables of a dataset file, from the same descriptions as the codebook and the syntax
 * files: numbers stay numbers (missing codes declared user-missing and labelled), dates become SPSS
 * dates, everything else a string whose width the data decides. Strings carry no user-missing
 * values (haven and ReadStat refuse them on long strings); those with a value set (country codes,
 * status) keep its labels, missing codes included.
 */
export function savVariables(descriptions: VariableDescription[]): SavVariable[] {
  return descriptions.map((d): SavVariable => {
    const type: SavVariable["type"] = d.type === "date" ? "date" : isNumeric(d) ? "numeric" : "string";
    const base = { name: d.variable, label: d.label, type, level: d.level };
    if (type === "string")
      return {
        ...base,
        valueLabels: d.values.length ? [...d.values, ...d.missing].map((v) => ({ code: String(v.code), label: v.label })) : [],
        missing: [],
      };
    return {
      ...base,
      valueLabels: [...d.values, ...d.missing].filter((v) => typeof v.code === "number"),
      missing: d.missing.map((m) => Number(m.code)),
    };
  });
}
