/**
 * A demonstration questionnaire that uses every question type and every skip-logic
 * operator. The engine's browser tests answer it; organisers can try it with ENABLE_DEMO=1.
 */
import definition from "./definitions/demo/v1.json";

/** The latest version, for code and tests that import the definition directly; the registry loads every version. */
export default definition;
