import path from "node:path";
import i18next, { type Resource } from "i18next";
import { loadQuestionnaire } from "~/engine/check";
import { countryName } from "~/engine/countries";
import type { Condition, ItemQuestion, Option, Question, Questionnaire, Section } from "~/engine/definition";
import { groupMax, textMax } from "~/engine/limits";
import { estimateTime, roughMinutes } from "~/engine/time-estimate";
import { matrixColumns, privacyNoticeParts, wordingKey } from "~/engine/wording";
import { datasetModel, matrixRowVariable, optionVariable, rankVariable } from "~/engine/dataset-model";
import { MISSING } from "~/engine/missing";
import { unhandledType } from "~/engine/exhaustive";
import { fallbackLanguage } from "~/i18n/config";
import { languageName } from "~/i18n/language-name";
import { loadResources } from "~/i18n/resources.server";
import preRegm from "./pre-regm";

/**
 * The "paper version" of a questionnaire: every section and question in one language, with its
 * variable, type, codes, whether it is required and its skip rule in words. Generated from the
 * definition and the locale files (the document's own words are `organiser:paper.*`), never
 * written by hand, so that the document reviewers sign is the instrument respondents see.
 *
 * `paperVersion` is pure (definition + wording in, Markdown out); `paperVersions` reads the real
 * files, one document per language. scripts/paper-version.ts writes them to docs/questionnaire.md
 * (English) and docs/questionnaire.<language>.md, and paper-version.test.ts fails when one is stale.
 */

/** Where the paper version of the default questionnaire is kept in a language, relative to the project root. */
export function paperPath(language: string): string {
  return path.join("docs", language === fallbackLanguage ? "questionnaire.md" : `questionnaire.${language}.md`);
}

/** The document's own words (`organiser:paper.*`) in the document's language, English where it lacks one. */
export type PaperT = (key: string, values?: Record<string, string | number>) => string;

/** One language's texts: the questionnaire's namespace, the app's `common` namespace and the document's words. */
export interface PaperWording {
  language: string;
  questionnaire: unknown;
  common: unknown;
  t: PaperT;
}

/** The document's words in `language`, from locale files as loadResources reads them. */
export function paperTranslator(resources: Resource, language: string): PaperT {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources,
    lng: language,
    fallbackLng: fallbackLanguage,
    interpolation: { escapeValue: false }, // Markdown, not HTML.
    initImmediate: false,
  });
  const t = i18n.getFixedT(language, "organiser");
  return (key, values) => t(key, values ?? {});
}

/** The engine's defaults, as the answer schema applies them. */

/** A locale text with its {{placeholders}} filled, as i18next would. */
function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function lookup(tree: unknown, key: string): string {
  const value = key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
  if (typeof value !== "string") throw new Error(`The paper version needs the wording key "${key}"`);
  return value;
}

/** Text safe inside a Markdown table cell or paragraph. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

/**
 * Renders a questionnaire as Markdown in one language. `others` are the languages of its sibling
 * documents, linked from the top.
 */
export function paperVersion(questionnaire: Questionnaire, wording: PaperWording, others: readonly string[] = []): string {
  const { language, t } = wording;
  const text = (key: string) => lookup(wording.questionnaire, key);
  const quoted = (words: string) => t("paper.quoted", { text: words });

  // Numbering (Q1.2) and the question each id names, for skip rules in words.
  const numbers = new Map<string, string>();
  const byId = new Map<string, Question>();
  // The start page's questions are numbered 0.x: the numbered sections are the pages that follow it.
  const flow = questionnaire.sections.filter((s) => !s.start);
  const numberOf = (section: Section) => (section.start ? 0 : flow.indexOf(section) + 1);
  questionnaire.sections.forEach((section) =>
    section.questions.forEach((q, i) => {
      numbers.set(q.id, `${numberOf(section)}.${i + 1}`);
      byId.set(q.id, q);
    }),
  );

  const optionLabel = (listId: string, code: number) => `${quoted(text(wordingKey.option(listId, code)))} (${code})`;

  const valueWords = (questionId: string, value: string | number | boolean) => {
    const q = byId.get(questionId);
    if (q && "list" in q && typeof value === "number") return optionLabel(q.list, value);
    if (typeof value === "boolean") return t(value ? "paper.yes" : "paper.no");
    return quoted(String(value));
  };

  const ruleWords = (condition: Condition, nested = false): string => {
    const wrap = (s: string) => (nested ? `(${s})` : s);
    if ("all" in condition) return wrap(condition.all.map((c) => ruleWords(c, true)).join(` ${t("paper.and")} `));
    if ("any" in condition) return wrap(condition.any.map((c) => ruleWords(c, true)).join(` ${t("paper.or")} `));
    if ("not" in condition) return t("paper.not", { rule: ruleWords(condition.not, true) });
    const ref = `${t("paper.questionRef")}${numbers.get(condition.q) ?? "?"} \`${condition.q}\``;
    if ("answered" in condition) return t("paper.answered", { ref });
    if ("equals" in condition) return t("paper.is", { ref, value: valueWords(condition.q, condition.equals) });
    if ("in" in condition) {
      return t("paper.is", { ref, value: condition.in.map((v) => valueWords(condition.q, v)).join(` ${t("paper.or")} `) });
    }
    return t("paper.includes", { ref, value: valueWords(condition.q, condition.contains) });
  };

  const header = (withColumn: boolean) => [
    `| ${t("paper.code")} |${withColumn ? ` ${t("paper.column")} |` : ""} ${t("paper.label")} |`,
    `|---:|${withColumn ? "---|" : ""}---|`,
  ];
  const codeRows = (listId: string, options: Option[], column?: (o: Option) => string) => {
    const rows = header(Boolean(column));
    for (const o of options) {
      const notes = [o.other ? t("paper.specify") : null, o.exclusive ? t("paper.exclusive") : null].filter(Boolean);
      const label = cell(text(wordingKey.option(listId, o.code)) + (notes.length ? ` *(${notes.join("; ")})*` : ""));
      rows.push(`| ${o.code} |${column ? ` \`${column(o)}\` |` : ""} ${label} |`);
    }
    return rows;
  };
  const wordingLines = (label: string, hint: string | null, rule: string) => [
    `- **${t("paper.question")}:** ${cell(label)}`,
    ...(hint ? [`- **${t("paper.hint")}:** ${cell(hint)}`] : []),
    `- **${t("paper.asked")}:** ${cell(rule)}`,
  ];

  const typeWords = (q: Question | ItemQuestion): string => {
    switch (q.type) {
      case "single":
        return t("paper.types.single");
      case "multiple": {
        const limits = [
          q.min !== undefined ? t("paper.atLeast", { n: q.min }) : null,
          q.max !== undefined ? t("paper.atMost", { n: q.max }) : null,
        ].filter(Boolean);
        return t("paper.types.multiple") + (limits.length ? ` (${limits.join(", ")})` : "");
      }
      case "text":
        return t("paper.types.text", { max: textMax(q) });
      case "longtext":
        return t("paper.types.longtext", { max: textMax(q) });
      case "number":
        return t(q.integer ? "paper.types.integer" : "paper.types.number") + range(q.min, q.max);
      case "date":
        return t("paper.types.date") + range(q.min, q.max);
      case "email":
        return t("paper.types.email");
      case "country":
        return t("paper.types.country");
      case "matrix":
        return t("paper.types.matrix");
      case "ranking":
        return t("paper.types.ranking", { top: q.top });
      case "consent":
        return t("paper.types.consent");
      case "group":
        return `${t("paper.types.group")}, ${t("paper.items", { min: q.min ?? (q.required ? 1 : 0), max: groupMax(q) })}`;
      default:
        return unhandledType(q);
    }
  };
  function range(min: number | string | undefined, max: number | string | undefined): string {
    if (min !== undefined && max !== undefined) return `, ${t("paper.between", { min, max })}`;
    if (min !== undefined) return `, ${t("paper.from", { min })}`;
    if (max !== undefined) return `, ${t("paper.upTo", { max })}`;
    return "";
  }

  /** Type, limits and codes of a question or of a group's item question. */
  const details = (q: Question | ItemQuestion, inGroup = false): string[] => {
    const lines: string[] = [];
    lines.push(`- **${t("paper.type")}:** ${typeWords(q)} (\`${q.type}\`)`);
    lines.push(`- **${t("paper.required")}:** ${t(q.required ? "paper.yes" : "paper.no")}`);
    if ((q as { personal?: boolean }).personal) lines.push(`- **${t("paper.personalData")}:** ${t("paper.personalDataValue")}`);
    if (!inGroup)
      lines.push(
        `- **${t("paper.variables")}:** ${datasetModel(questionnaire)
          .variables.filter((v) => v.question === q && !v.joined)
          .map((v) => `\`${v.name}\``)
          .join(", ")}`,
      );

    switch (q.type) {
      case "single":
        lines.push("", ...codeRows(q.list, questionnaire.lists[q.list]!));
        break;
      case "multiple":
        if (inGroup) lines.push("", ...codeRows(q.list, questionnaire.lists[q.list]!));
        else {
          lines.push(
            `- **${t("paper.coding")}:** ${t("paper.codingMultiple")}`,
            "",
            ...codeRows(q.list, questionnaire.lists[q.list]!, (o) => optionVariable(q.id, o.code)),
          );
        }
        break;
      case "country":
        if (q.priority?.length) {
          lines.push(
            `- **${t("paper.offeredFirst")}:** ${quoted(text(wordingKey.countryPriority(q.id)))}; ${t("paper.thenEveryCountry")}`,
            "",
            ...header(false),
            ...q.priority.map((code) => `| ${code} | ${cell(countryName(code, language))} |`),
          );
        } else {
          lines.push(`- **${t("paper.offered")}:** ${t("paper.everyCountry")}`);
        }
        break;
      case "matrix": {
        const scale = matrixColumns(q, questionnaire.lists).map((c) => ({
          code: c.code,
          label: c.key.startsWith("common:") ? lookup(wording.common, c.key.slice(7)) : text(c.key),
        }));
        lines.push(
          "",
          t("paper.rows"),
          "",
          ...codeRows(q.rows, questionnaire.lists[q.rows]!, (o) => matrixRowVariable(q.id, o.code)),
          "",
          t("paper.scale"),
          "",
          ...header(false),
          ...scale.map((s) => `| ${s.code} | ${cell(s.label)} |`),
        );
        break;
      }
      case "ranking":
        lines.push(
          `- **${t("paper.coding")}:** ${t("paper.codingRanking", { first: rankVariable(q.id, 1), second: rankVariable(q.id, 2) })}`,
          "",
          ...codeRows(q.list, questionnaire.lists[q.list]!),
        );
        break;
      case "consent":
        lines.push(`- **${t("paper.coding")}:** ${t("paper.codingConsent")}`);
        break;
      case "group":
        lines.push(
          `- **${t("paper.itemsLabel")}:** ${t("paper.itemsValue", { ids: q.questions.map((item) => `\`${item.id}\``).join(", ") })}`,
        );
        break;
      case "text":
      case "longtext":
      case "number":
      case "date":
      case "email":
        // Their type line says all: the answer is stored as given.
        break;
      default:
        unhandledType(q);
    }
    return lines;
  };

  const sectionTitle = (section: Section) => cell(text(wordingKey.sectionTitle(section.id)));
  const out: string[] = [];
  out.push(
    `<!-- ${t("paper.generated", {
      definition: `app/questionnaires/definitions/${questionnaire.id}/v${questionnaire.version}.json`,
      wording: `locales/${language}/${questionnaire.id}.json`,
    })} -->`,
    "",
    `# ${cell(text(wordingKey.title()))}`,
    "",
    t("paper.identity", { id: questionnaire.id, version: questionnaire.version, language: languageName(language, language) }),
    ...(others.length
      ? [
          "",
          t("paper.otherLanguages", {
            links: others.map((l) => `[${languageName(l, l)}](${path.basename(paperPath(l))})`).join(", "),
          }),
        ]
      : []),
    "",
    `## ${t("paper.introduction")}`,
    "",
    cell(text(wordingKey.intro())),
    "",
    `## ${t("paper.howToRead")}`,
    "",
    `- ${t("paper.readEach")}`,
    `- ${t("paper.readCodes")}`,
    `- ${t("paper.readMissing")}`,
    "",
    ...header(false),
    `| ${MISSING.noAnswer} | ${cell(t("paper.missingNoAnswer"))} |`,
    `| ${MISSING.notShown} | ${cell(t("paper.missingNotShown"))} |`,
    `| ${MISSING.dontKnow} | ${cell(t("paper.missingDontKnow", { answer: quoted(lookup(wording.common, "form.dontKnow")) }))} |`,
    `| ${MISSING.notApplicable} | ${cell(t("paper.missingNotApplicable"))} |`,
    "",
    `- ${t("paper.readCount")}`,
    "",
    `## ${t("paper.contents")}`,
    "",
    ...questionnaire.sections.map((s) => `${numberOf(s)}. ${sectionTitle(s)} (\`${s.id}\`)`),
    "",
  );

  /** What the start page says before its consent: who asks, why, how long, the privacy notice. */
  const startPage = (): string[] => {
    const estimate = estimateTime(questionnaire);
    const common = (key: string, vars: Record<string, string | number> = {}) => fill(lookup(wording.common, key), vars);
    const lines = [
      ...(["organiser", "purpose", "use"] as const).flatMap((part) => [`> ${cell(text(wordingKey.start(part)))}`, ""]),
      `**${t("paper.startTime")}:**`,
      "",
      `> ${common("start.time", {
        shortest: roughMinutes(estimate.shortestSeconds),
        longest: roughMinutes(estimate.longestSeconds),
      })} ${t("paper.closing")}`,
      "",
      `**${common("start.privacyHeading")}:**`,
      "",
    ];
    for (const part of privacyNoticeParts) {
      // Drafts are kept DRAFT_RETENTION_DAYS, a setting: the document names it rather than one value.
      const drafts = part === "submissions" ? `${common("start.draftsKept_other", { count: "`DRAFT_RETENTION_DAYS`" })} ` : "";
      lines.push(`- **${cell(common(`start.privacy.${part}`))}:** ${cell(drafts + text(wordingKey.privacy(part)))}`);
    }
    lines.push("", `- **${t("paper.consentButton")}:** ${quoted(common("start.agreeAndStart"))}`, "");
    return lines;
  };

  questionnaire.sections.forEach((section: Section) => {
    const s = numberOf(section) - 1;
    out.push(
      section.start ? `## 0. ${t("paper.startPage")}: ${sectionTitle(section)}` : `## ${s + 1}. ${sectionTitle(section)}`,
      "",
    );
    out.push(`- **${t("paper.section")}:** \`${section.id}\``);
    out.push(
      `- **${t("paper.shown")}:** ${
        section.start
          ? t("paper.startShown")
          : section.showIf
            ? t("paper.shownOnlyIf", { rule: ruleWords(section.showIf) })
            : t("paper.everyone")
      }`,
      "",
    );
    if (section.start) out.push(...startPage());
    if (section.intro) out.push(`> ${cell(text(wordingKey.sectionIntro(section.id)))}`, "");
    section.questions.forEach((q, i) => {
      out.push(`### ${s + 1}.${i + 1} \`${q.id}\``, "");
      const rule = q.showIf
        ? t("paper.askedOnlyIf", { rule: ruleWords(q.showIf) })
        : t(section.showIf ? "paper.askedInSection" : "paper.alwaysAsked");
      out.push(...wordingLines(text(wordingKey.label(q)), q.hint ? text(wordingKey.hint(q)) : null, rule));
      out.push(...details(q), "");
      if (q.type === "group") {
        q.questions.forEach((item, n) => {
          const letter = String.fromCharCode("a".charCodeAt(0) + n);
          out.push(`#### ${s + 1}.${i + 1}.${letter} \`${q.id}\` → \`${item.id}\``, "");
          out.push(
            ...wordingLines(
              text(wordingKey.itemLabel(q.id, item)),
              item.hint ? text(wordingKey.itemHint(q.id, item)) : null,
              t("paper.eachItem"),
            ),
          );
          out.push(...details(item, true), "");
        });
      }
    });
  });
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/**
 * The paper version of the Pre-REGM questionnaire in each of `languages` (language -> Markdown),
 * from the locale files of `localesDir`. A text a language lacks is shown in English.
 */
export function paperVersions(languages: readonly string[], localesDir?: string): Map<string, string> {
  const resources = loadResources(localesDir);
  const questionnaire = loadQuestionnaire(
    preRegm,
    Object.fromEntries(Object.entries(resources).map(([language, namespaces]) => [language, namespaces[preRegm.id]])),
  );
  const english = resources[fallbackLanguage]!;
  return new Map(
    languages.map((language) => {
      const own = resources[language] ?? {};
      // Per file, then per key: a language's missing file or text falls back to English, as on the pages.
      const wording: PaperWording = {
        language,
        questionnaire: withFallback(own[questionnaire.id], english[questionnaire.id]),
        common: withFallback(own.common, english.common),
        t: paperTranslator(resources, language),
      };
      return [
        language,
        paperVersion(
          questionnaire,
          wording,
          languages.filter((l) => l !== language),
        ),
      ];
    }),
  );
}

/** A locale tree with English filled in where a translation has no text. */
function withFallback(tree: unknown, english: unknown): unknown {
  if (typeof english === "string") return typeof tree === "string" && tree.trim() ? tree : english;
  if (english && typeof english === "object") {
    const own = tree && typeof tree === "object" ? (tree as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(english).map(([k, v]) => [k, withFallback(own[k], v)]));
  }
  return tree ?? english;
}
