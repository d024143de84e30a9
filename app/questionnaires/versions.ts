import { lookup } from "~/engine/check";
import type { Questionnaire } from "~/engine/definition";
import { requiredWordingKeys, wordingKey } from "~/engine/wording";

/**
 * Frozen versions. A released definition file never changes (its digest is in released.json), and a code
 * keeps its meaning: released.json also records, per version, the English text of each question and
 * option as released, so a later version (or a later edit of the shared locale file) that gives a code
 * another text is caught, and the changelog between versions can say what was reworded.
 */

/** Wording key -> English text, for questions and options. */
export type Wording = Record<string, string>;

export interface ReleasedVersion {
  sha256: string;
  wording: Wording;
}
/** released.json: definition file (`pre-regm/v1.json`) -> what was released. */
export type Released = Record<string, ReleasedVersion>;

export interface VersionWording {
  questionnaire: Questionnaire;
  /** As released, or the locale's current text for a version not released yet. */
  wording: Wording;
}

/** The English texts of a version's questions and options, from a locale tree. */
export function wordingOf(questionnaire: Questionnaire, englishTree: unknown): Wording {
  const keys = requiredWordingKeys(questionnaire).filter((key) => key.startsWith("questions.") || key.startsWith("lists."));
  return Object.fromEntries(keys.map((key) => [key, String(lookup(englishTree, key) ?? "")]));
}

/** A released file that changed or went away: add a new version instead. */
export function findReleaseFaults(digests: Readonly<Record<string, string>>, released: Released): string[] {
  return Object.entries(released).flatMap(([file, { sha256 }]) => {
    if (!(file in digests)) return [`${file} was released and is gone: released versions stay, like migrations`];
    if (digests[file] !== sha256) return [`${file} was released and has changed: restore it and put the change in a new version`];
    return [];
  });
}

/** Every option code of one questionnaire that means different things in different versions. */
export function findReusedCodes(versions: ReadonlyArray<VersionWording>): string[] {
  const meanings = new Map<string, Map<string, number[]>>();
  for (const { questionnaire, wording } of versions)
    for (const [listId, options] of Object.entries(questionnaire.lists))
      for (const { code } of options) {
        const key = wordingKey.option(listId, code);
        const byText = meanings.get(key) ?? new Map<string, number[]>();
        byText.set(wording[key] ?? "", [...(byText.get(wording[key] ?? "") ?? []), questionnaire.version]);
        meanings.set(key, byText);
      }
  const id = versions[0]?.questionnaire.id;
  return [...meanings].flatMap(([key, byText]) => {
    if (byText.size < 2) return [];
    const [, listId, code] = key.split(".");
    const said = [...byText].map(([text, in_]) => `"${text}" in v${in_.join(", v")}`).join(" but ");
    return [`questionnaire "${id}": list "${listId}" code ${code} means ${said}: give the new meaning a new code`];
  });
}

export interface Changelog {
  addedQuestions: string[];
  removedQuestions: string[];
  rewordedQuestions: string[];
  /** `list.code` */
  addedOptions: string[];
  removedOptions: string[];
  rewordedOptions: string[];
}

/** Question ids, group items as `group.item`. */
function questionIds(questionnaire: Questionnaire): string[] {
  return questionnaire.sections.flatMap((s) =>
    s.questions.flatMap((q) => [q.id, ...(q.type === "group" ? q.questions.map((item) => `${q.id}.${item.id}`) : [])]),
  );
}

/** The key of a question's label in one version: a reworded question names its own (`wording`). */
function questionLabelKey(questionnaire: Questionnaire, id: string): string {
  const [groupId, itemId] = id.split(".");
  const question = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === groupId);
  if (!itemId) return wordingKey.label(question ?? id);
  const item = question?.type === "group" ? question.questions.find((i) => i.id === itemId) : undefined;
  return wordingKey.itemLabel(groupId!, item ?? itemId);
}

function optionIds(questionnaire: Questionnaire): string[] {
  return Object.entries(questionnaire.lists).flatMap(([listId, options]) => options.map((o) => `${listId}.${o.code}`));
}

/** What changed for respondents from one version to the next, for organisers. */
export function changelog(older: VersionWording, newer: VersionWording): Changelog {
  const diff = (ids: (q: Questionnaire) => string[], keyOf: (q: Questionnaire, id: string) => string) => {
    const before = new Set(ids(older.questionnaire));
    const after = ids(newer.questionnaire);
    const text = (v: VersionWording, id: string) => v.wording[keyOf(v.questionnaire, id)];
    return {
      added: after.filter((id) => !before.has(id)),
      removed: [...before].filter((id) => !after.includes(id)),
      reworded: after.filter((id) => before.has(id) && text(older, id) !== text(newer, id)),
    };
  };
  const questions = diff(questionIds, questionLabelKey);
  const options = diff(optionIds, (_, id) => `lists.${id}`);
  return {
    addedQuestions: questions.added,
    removedQuestions: questions.removed,
    rewordedQuestions: questions.reworded,
    addedOptions: options.added,
    removedOptions: options.removed,
    rewordedOptions: options.reworded,
  };
}

/** The changelog as Markdown, with the newer texts. */
export function formatChangelog(id: string, older: VersionWording, newer: VersionWording): string {
  const log = changelog(older, newer);
  const from = older.questionnaire.version;
  const to = newer.questionnaire.version;
  const text = (v: VersionWording, key: string) => (v.wording[key] ? ` “${v.wording[key]}”` : "");
  const question = (v: VersionWording) => (qid: string) => `${qid}${text(v, questionLabelKey(v.questionnaire, qid))}`;
  const option = (v: VersionWording) => (oid: string) => `${oid}${text(v, `lists.${oid}`)}`;
  const reworded = (key: (q: Questionnaire, x: string) => string) => (x: string) =>
    `${x}: “${older.wording[key(older.questionnaire, x)] ?? ""}” → “${newer.wording[key(newer.questionnaire, x)] ?? ""}”`;
  const parts: Array<[string, string[]]> = [
    ["Questions added", log.addedQuestions.map(question(newer))],
    ["Questions removed", log.removedQuestions.map(question(older))],
    ["Questions reworded", log.rewordedQuestions.map(reworded(questionLabelKey))],
    ["Options added", log.addedOptions.map(option(newer))],
    ["Options removed", log.removedOptions.map(option(older))],
    ["Options reworded", log.rewordedOptions.map(reworded((_, oid) => `lists.${oid}`))],
  ];
  const body = parts
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => `## ${title}\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`);
  return `# ${id}: changes from v${from} to v${to}\n\n${body.length > 0 ? body.join("\n") : "No changes to questions or options.\n"}`;
}
