import { referencedQuestions } from "./conditions";
import { questionnaireSchema, type Condition, type Questionnaire } from "./definition";
import { datasetModel, declaredVariables } from "./dataset-model";
import { requiredWordingKeys, seedThemeWordingKeys } from "./wording";

/** Reads a key like `questions.org.label` from nested JSON. */
export function lookup(tree: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
}

/**
 * Checks what the shape alone cannot. Returns one message per fault, each naming
 * the question (or list, or key) and the fault; an empty list means sound.
 * `locales` maps language -> the questionnaire's namespace JSON.
 */
export function findDefinitionFaults(questionnaire: Questionnaire, locales: Readonly<Record<string, unknown>>): string[] {
  const faults: string[] = [];
  const where = `questionnaire "${questionnaire.id}"`;

  for (const [listId, options] of Object.entries(questionnaire.lists)) {
    const seen = new Set<number>();
    for (const o of options) {
      if (seen.has(o.code)) faults.push(`${where}: list "${listId}" has the option code ${o.code} twice`);
      seen.add(o.code);
    }
  }

  const sectionIds = new Set<string>();
  const earlier = new Set<string>();
  const variables = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    const previous = variables.get(name);
    if (previous) faults.push(`${where}: variable "${name}" of ${owner} is already used by ${previous}`);
    else variables.set(name, owner);
  };
  const checkCondition = (condition: Condition | undefined, owner: string, self?: string) => {
    if (!condition) return;
    for (const ref of referencedQuestions(condition)) {
      if (ref === self) faults.push(`${where}: ${owner} has a condition on itself`);
      else if (!earlier.has(ref)) {
        const known = questionnaire.sections.some((s) => s.questions.some((q) => q.id === ref));
        faults.push(`${where}: ${owner} has a condition on ${known ? "a later" : "an unknown"} question "${ref}"`);
      }
    }
  };
  /** False when the list is unknown (a fault). */
  const checkList = (listId: string, owner: string): boolean => {
    if (questionnaire.lists[listId]) return true;
    faults.push(`${where}: ${owner} uses the unknown list "${listId}"`);
    return false;
  };

  for (const section of questionnaire.sections) {
    if (sectionIds.has(section.id)) faults.push(`${where}: section id "${section.id}" is used twice`);
    sectionIds.add(section.id);
    checkCondition(section.showIf, `section "${section.id}"`);
    if (section.start) {
      // The start page stores nothing before these answers, so it can ask only what needs no earlier answer.
      if (section !== questionnaire.sections[0]) faults.push(`${where}: start section "${section.id}" is not the first section`);
      if (section.showIf) faults.push(`${where}: start section "${section.id}" has a condition; it is always asked`);
      for (const q of section.questions)
        if (q.type !== "consent")
          faults.push(
            `${where}: start section "${section.id}" asks "${q.id}", a ${q.type} question; it takes consent questions only`,
          );
    }
    for (const q of section.questions) {
      const owner = `question "${q.id}"`;
      checkCondition(q.showIf, owner, q.id);
      claim(q.id, owner);
      let listsKnown = "list" in q ? checkList(q.list, owner) : true;
      if (q.type === "matrix") listsKnown = [checkList(q.rows, owner), checkList(q.scale, owner)].every(Boolean);
      if ((q.type === "multiple" || q.type === "group") && q.min !== undefined && q.max !== undefined && q.min > q.max) {
        faults.push(`${where}: ${owner} has min ${q.min} above max ${q.max}`);
      }
      if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max) {
        faults.push(`${where}: ${owner} has min ${q.min} above max ${q.max}`);
      }
      if (q.type === "group") {
        const itemIds = new Set<string>();
        for (const item of q.questions) {
          if (itemIds.has(item.id)) faults.push(`${where}: ${owner} has the item question "${item.id}" twice`);
          itemIds.add(item.id);
          if ("list" in item) checkList(item.list, `${owner}, item "${item.id}"`);
          if (item.showIf) faults.push(`${where}: ${owner}, item "${item.id}" has a condition; items cannot`);
          if ("list" in item && questionnaire.lists[item.list]?.some((o) => o.other)) {
            faults.push(`${where}: ${owner}, item "${item.id}" offers "other"; items cannot`);
          }
        }
      }
      // The dataset model names every variable; a name it derives may not clash with another question's.
      if (listsKnown) for (const name of declaredVariables(q, questionnaire.lists)) if (name !== q.id) claim(name, owner);
      earlier.add(q.id);
    }
  }

  const allQuestions = questionnaire.sections.flatMap((s) => s.questions);
  for (const id of questionnaire.organiserFilters ?? []) {
    const q = allQuestions.find((x) => x.id === id);
    if (!q) faults.push(`${where}: organiser filter "${id}" is not a question`);
    else if (q.type !== "single" && q.type !== "multiple" && q.type !== "country") {
      faults.push(
        `${where}: organiser filter "${id}" is a ${q.type} question; filters take single, multiple or country questions`,
      );
    }
  }

  const themeCodes = new Set<string>();
  for (const theme of questionnaire.seedThemes ?? []) {
    if (themeCodes.has(theme.code)) faults.push(`${where}: seed theme "${theme.code}" is listed twice`);
    themeCodes.add(theme.code);
  }

  const keys = [...requiredWordingKeys(questionnaire), ...seedThemeWordingKeys(questionnaire)];
  for (const language of questionnaire.languages) {
    const tree = locales[language];
    for (const key of keys) {
      const text = lookup(tree, key);
      if (typeof text !== "string" || text.trim() === "") {
        faults.push(`${where}: wording key "${key}" is missing from locales/${language}/${questionnaire.id}.json`);
      }
    }
  }
  return faults;
}

/** Parses and checks a definition; throws one error listing every fault. */
export function loadQuestionnaire(raw: unknown, locales: Readonly<Record<string, unknown>>): Questionnaire {
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id ?? "?";
    const problems = parsed.error.issues.map((i) => `at ${describePath(raw, i.path)}: ${i.message}`);
    throw new Error(`Questionnaire "${String(id)}" is not valid:\n- ${problems.join("\n- ")}`);
  }
  const faults = findDefinitionFaults(parsed.data, locales);
  if (faults.length > 0) throw new Error(`Questionnaire "${parsed.data.id}" has faults:\n- ${faults.join("\n- ")}`);
  // Compiled once, as it loads: every reader of the dataset then finds the same model.
  datasetModel(parsed.data);
  return parsed.data;
}

/** Names the question a zod path points into, so a message says `question "org"` not `sections.0.questions.3`. */
function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of path) {
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const id = node && typeof node === "object" && "id" in node ? (node as { id: unknown }).id : undefined;
    parts.push(typeof id === "string" ? `${String(key)} (${id})` : String(key));
  }
  return parts.join(".") || "top level";
}
