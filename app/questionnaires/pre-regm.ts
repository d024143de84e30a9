/**
 * The Pre-REGM questionnaire on public-private partnerships (PPPs) against trafficking in persons,
 * for UNODC's Regional Expert Group Meeting (REGM) for Mexico, Central America and the Caribbean
 * (source: the post-REGM report of 9-10 December 2020). It follows the meeting's four key questions:
 * challenges, best practices, lessons and recommendations, and the role of international
 * organisations and civil society.
 *
 * Why the definition is as it is: definitions/pre-regm/NOTES.md. Wording lives in locales/<language>/pre-regm.json;
 * `docs/questionnaire.md` is the paper version, generated from the definition (npm run paper). The definition is definitions/pre-regm/v<N>.json; a released
 * version is frozen (released.json holds its digest), and a code keeps its meaning across versions (both tested):
 * add new options with new codes. Conventions: 96 = "Other" (with a text to specify where the engine allows
 * it), 97 = exclusive "None of these", 98 = "Don't know" (exclusive in a multiple choice). The matrix
 * "don't know" column is the engine's -77 and its "not relevant to this sector" column -55 (a row that
 * does not apply is neither a rating nor a "don't know"); -99 (no answer) and -88 (not shown) are the
 * dataset's missing codes.
 */
import definition from "./definitions/pre-regm/v2.json";

/** The latest version, for code and tests that import the definition directly; the registry loads every version. */
export default definition;
