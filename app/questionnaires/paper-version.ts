import path from "node:path";
import { DONT_KNOW } from "~/engine/answer-schema";
import { loadQuestionnaire } from "~/engine/check";
import { countryName } from "~/engine/countries";
import type { Condition, ItemQuestion, Option, Question, Questionnaire, Section } from "~/engine/definition";
import { groupMax, textMax } from "~/engine/limits";
import { estimateTime, roughMinutes } from "~/engine/time-estimate";
import { privacyNoticeParts, wordingKey } from "~/engine/wording";
import { datasetModel, matrixRowVariable, optionVariable, rankVariable } from "~/engine/dataset-model";
import { MISSING } from "~/engine/missing";
import { unhandledType } from "~/engine/exhaustive";
import { loadResources } from "~/i18n/resources.server";
import preRegm from "./pre-regm";

/**
 * The "paper version" of a questionnaire: every section and question in each of its languages,
 * side by side, with its variable, type, codes, whether it is required and its skip rule in
 * words. Generated from the definition and the locale files, never written by hand, so that the
 * document reviewers sign is the instrument respondents see.
 *
 * `paperVersion` is pure (definition + wording in, Markdown out); `preRegmPaperVersion` reads the
 * real files. scripts/paper-version.ts writes the result to docs/questionnaire.md and
 * paper-version.test.ts fails when that file is stale.
 */

/** Where the paper version of the default questionnaire is kept, relative to the project root. */
export const PAPER_PATH = path.join("docs", "questionnaire.md");

/** One language's texts: the questionnaire's namespace and the app's `common` namespace. */
export interface PaperWording {
  questionnaire: unknown;
  common: unknown;
}

/** The document's own words (headings, types, skip rules), in the languages it can describe. */
interface Phrases {
  name: string;
  open: string;
  close: string;
  question: string;
  hint: string;
  asked: string;
  sectionShown: string;
  everyone: string;
  alwaysAsked: string;
  askedInSection: string;
  /** The rule of a group's item question. */
  eachItem: string;
  askedOnlyIf: (rule: string) => string;
  shownOnlyIf: (rule: string) => string;
  is: (ref: string, value: string) => string;
  includes: (ref: string, value: string) => string;
  answered: (ref: string) => string;
  not: (rule: string) => string;
  and: string;
  or: string;
  yes: string;
  no: string;
  specify: string;
  exclusive: string;
  questionRef: string;
  types: {
    single: string;
    multiple: string;
    text: (max: number) => string;
    longtext: (max: number) => string;
    number: (integer: boolean) => string;
    date: string;
    email: string;
    country: string;
    matrix: string;
    ranking: (top: number) => string;
    consent: string;
    group: string;
  };
  startPage: string;
  startShown: string;
  startTime: string;
  closing: string;
  consentButton: string;
  atLeast: (n: number) => string;
  atMost: (n: number) => string;
  between: (min: number | string, max: number | string) => string;
  from: (min: number | string) => string;
  upTo: (max: number | string) => string;
  items: (min: number, max: number) => string;
}

const PHRASES: Record<string, Phrases> = {
  en: {
    name: "English",
    open: "“",
    close: "”",
    question: "Question",
    hint: "Hint",
    asked: "Asked",
    sectionShown: "Shown",
    everyone: "to everyone.",
    alwaysAsked: "Always asked.",
    askedInSection: "Asked of everyone who sees this section.",
    eachItem: "Asked for each item the respondent adds.",
    askedOnlyIf: (rule) => `Asked only if ${rule}.`,
    shownOnlyIf: (rule) => `only if ${rule}; otherwise all its questions are skipped.`,
    is: (ref, value) => `the answer to ${ref} is ${value}`,
    includes: (ref, value) => `the answer to ${ref} includes ${value}`,
    answered: (ref) => `${ref} has been answered`,
    not: (rule) => `it is not the case that ${rule}`,
    and: "and",
    or: "or",
    yes: "yes",
    no: "no",
    specify: "specify",
    exclusive: "cannot be combined with other options",
    questionRef: "Q",
    types: {
      single: "Single choice: one answer",
      multiple: "Multiple choice: all that apply",
      text: (max) => `Short text, up to ${max} characters`,
      longtext: (max) => `Long text, up to ${max} characters`,
      number: (integer) => (integer ? "Whole number" : "Number"),
      date: "Date (year-month-day)",
      email: "Email address",
      country: "Country, stored as its ISO 3166-1 alpha-2 code",
      matrix: "Rating grid: one answer in each row, on a shared scale",
      ranking: (top) => `Ranking: the ${top} most important, in order`,
      consent: "Consent: one box to tick",
      group: "Repeatable group of items",
    },
    startPage: "Start page",
    startShown:
      "on the start page, to everyone, before any question: nothing is stored, not even a draft, until the consent below is given.",
    startTime: "Time, estimated from this definition",
    closing: "The closing day follows, when the organisers have set one.",
    consentButton: "Button",
    atLeast: (n) => `at least ${n}`,
    atMost: (n) => `at most ${n}`,
    between: (min, max) => `from ${min} to ${max}`,
    from: (min) => `${min} or more`,
    upTo: (max) => `${max} or less`,
    items: (min, max) => `from ${min} to ${max} items`,
  },
  es: {
    name: "Español",
    open: "«",
    close: "»",
    question: "Pregunta",
    hint: "Ayuda",
    asked: "Se pregunta",
    sectionShown: "Se muestra",
    everyone: "a todas las personas.",
    alwaysAsked: "Se pregunta siempre.",
    askedInSection: "Se pregunta a todas las personas que ven esta sección.",
    eachItem: "Se pregunta por cada elemento que la persona agrega.",
    askedOnlyIf: (rule) => `Se pregunta solo si ${rule}.`,
    shownOnlyIf: (rule) => `solo si ${rule}; si no, se omiten todas sus preguntas.`,
    is: (ref, value) => `la respuesta a ${ref} es ${value}`,
    includes: (ref, value) => `la respuesta a ${ref} incluye ${value}`,
    answered: (ref) => `se respondió ${ref}`,
    not: (rule) => `no se cumple que ${rule}`,
    and: "y",
    or: "o",
    yes: "sí",
    no: "no",
    specify: "especifique",
    exclusive: "no se puede combinar con otras opciones",
    questionRef: "P",
    types: {
      single: "Opción única: una respuesta",
      multiple: "Opción múltiple: todas las que correspondan",
      text: (max) => `Texto breve, hasta ${max} caracteres`,
      longtext: (max) => `Texto largo, hasta ${max} caracteres`,
      number: (integer) => (integer ? "Número entero" : "Número"),
      date: "Fecha (año-mes-día)",
      email: "Dirección de correo electrónico",
      country: "País, guardado con su código ISO 3166-1 alfa-2",
      matrix: "Cuadrícula de valoración: una respuesta en cada fila, en una escala común",
      ranking: (top) => `Clasificación: los ${top} más importantes, en orden`,
      consent: "Consentimiento: una casilla para marcar",
      group: "Grupo repetible de elementos",
    },
    startPage: "Página de inicio",
    startShown:
      "en la página de inicio, a todas las personas, antes de cualquier pregunta: no se guarda nada, ni siquiera un borrador, hasta que se otorgue el consentimiento de abajo.",
    startTime: "Tiempo, estimado a partir de esta definición",
    closing: "Después se indica el día de cierre, cuando las personas organizadoras lo han fijado.",
    consentButton: "Botón",
    atLeast: (n) => `al menos ${n}`,
    atMost: (n) => `como máximo ${n}`,
    between: (min, max) => `de ${min} a ${max}`,
    from: (min) => `${min} o más`,
    upTo: (max) => `${max} o menos`,
    items: (min, max) => `de ${min} a ${max} elementos`,
  },
};

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

function phrasesFor(language: string): Phrases {
  const phrases = PHRASES[language];
  if (!phrases) throw new Error(`The paper version has no wording for the language "${language}"; add it to PHRASES`);
  return phrases;
}

/**
 * Renders a questionnaire as Markdown. `wording` holds each language's texts; the document shows
 * the languages in `questionnaire.languages` order, in columns side by side.
 */
export function paperVersion(questionnaire: Questionnaire, wording: Readonly<Record<string, PaperWording>>): string {
  const languages = questionnaire.languages;
  const phrases = languages.map(phrasesFor);
  const text = (language: string, key: string) => {
    const tree = wording[language];
    if (!tree) throw new Error(`The paper version has no texts for the language "${language}"`);
    return lookup(tree.questionnaire, key);
  };
  const commonText = (language: string, key: string) => lookup(wording[language]!.common, key);
  const both = (key: string) => languages.map((l) => text(l, key));
  const slash = (values: string[]) => values.join(" / ");

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

  const optionLabel = (language: string, p: Phrases, listId: string, code: number) =>
    `${p.open}${text(language, wordingKey.option(listId, code))}${p.close} (${code})`;

  const valueWords = (language: string, p: Phrases, questionId: string, value: string | number | boolean) => {
    const q = byId.get(questionId);
    if (q && "list" in q && typeof value === "number") return optionLabel(language, p, q.list, value);
    if (typeof value === "boolean") return value ? p.yes : p.no;
    return `${p.open}${value}${p.close}`;
  };

  const ruleWords = (condition: Condition, language: string, p: Phrases, nested = false): string => {
    const wrap = (s: string) => (nested ? `(${s})` : s);
    if ("all" in condition) return wrap(condition.all.map((c) => ruleWords(c, language, p, true)).join(` ${p.and} `));
    if ("any" in condition) return wrap(condition.any.map((c) => ruleWords(c, language, p, true)).join(` ${p.or} `));
    if ("not" in condition) return p.not(ruleWords(condition.not, language, p, true));
    const ref = `${p.questionRef}${numbers.get(condition.q) ?? "?"} \`${condition.q}\``;
    if ("answered" in condition) return p.answered(ref);
    if ("equals" in condition) return p.is(ref, valueWords(language, p, condition.q, condition.equals));
    if ("in" in condition) {
      return p.is(ref, condition.in.map((v) => valueWords(language, p, condition.q, v)).join(` ${p.or} `));
    }
    return p.includes(ref, valueWords(language, p, condition.q, condition.contains));
  };

  const header = (first: string[]) => [
    `| ${first.join(" | ")} | ${phrases.map((p) => p.name).join(" | ")} |`,
    `|${first.map((_, i) => (i === 0 ? "---:" : "---")).join("|")}|${phrases.map(() => "---").join("|")}|`,
  ];
  const codeRows = (listId: string, options: Option[], column?: (o: Option) => string) => {
    const first = column ? ["Code / Código", "Column / Columna"] : ["Code / Código"];
    const rows = header(first);
    for (const o of options) {
      const labels = languages.map((l, i) => {
        const p = phrases[i]!;
        const notes = [o.other ? p.specify : null, o.exclusive ? p.exclusive : null].filter(Boolean);
        return cell(text(l, wordingKey.option(listId, o.code)) + (notes.length ? ` *(${notes.join("; ")})*` : ""));
      });
      rows.push(`| ${o.code} |${column ? ` \`${column(o)}\` |` : ""} ${labels.join(" | ")} |`);
    }
    return rows;
  };
  const wordingTable = (label: string[], hint: string[] | null, rule: string[]) => {
    const rows = [`| | ${phrases.map((p) => p.name).join(" | ")} |`, `|---|${phrases.map(() => "---").join("|")}|`];
    rows.push(`| ${slash(phrases.map((p) => p.question))} | ${label.map(cell).join(" | ")} |`);
    if (hint) rows.push(`| ${slash(phrases.map((p) => p.hint))} | ${hint.map(cell).join(" | ")} |`);
    rows.push(`| ${slash(phrases.map((p) => p.asked))} | ${rule.map(cell).join(" | ")} |`);
    return rows;
  };

  /** Type, limits and codes of a question or of a group's item question. */
  const details = (q: Question | ItemQuestion, inGroup = false): string[] => {
    const lines: string[] = [];
    const typeWords = phrases.map((p): string => {
      switch (q.type) {
        case "single":
          return p.types.single;
        case "multiple": {
          const limits = [q.min !== undefined ? p.atLeast(q.min) : null, q.max !== undefined ? p.atMost(q.max) : null].filter(
            Boolean,
          );
          return p.types.multiple + (limits.length ? ` (${limits.join(", ")})` : "");
        }
        case "text":
          return p.types.text(textMax(q));
        case "longtext":
          return p.types.longtext(textMax(q));
        case "number": {
          const range =
            q.min !== undefined && q.max !== undefined
              ? p.between(q.min, q.max)
              : q.min !== undefined
                ? p.from(q.min)
                : q.max !== undefined
                  ? p.upTo(q.max)
                  : null;
          return p.types.number(Boolean(q.integer)) + (range ? `, ${range}` : "");
        }
        case "date": {
          const range = q.min && q.max ? p.between(q.min, q.max) : q.min ? p.from(q.min) : q.max ? p.upTo(q.max) : null;
          return p.types.date + (range ? `, ${range}` : "");
        }
        case "email":
          return p.types.email;
        case "country":
          return p.types.country;
        case "matrix":
          return p.types.matrix;
        case "ranking":
          return p.types.ranking(q.top);
        case "consent":
          return p.types.consent;
        case "group":
          return `${p.types.group}, ${p.items(q.min ?? (q.required ? 1 : 0), groupMax(q))}`;
        default:
          return unhandledType(q);
      }
    });
    lines.push(`- **Type / Tipo:** ${typeWords.join(" / ")} (\`${q.type}\`)`);
    lines.push(`- **Required / Obligatoria:** ${slash(phrases.map((p) => (q.required ? p.yes : p.no)))}`);
    if ((q as { personal?: boolean }).personal) {
      lines.push(
        "- **Personal data / Datos personales:** yes: left out of exports unless an administrator asks for it / " +
          "sí: no se incluye en las exportaciones salvo que lo pida una persona administradora",
      );
    }
    if (!inGroup)
      lines.push(
        `- **Variables:** ${datasetModel(questionnaire)
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
            "- **Coding / Codificación:** 1 = chosen, 0 = not chosen / 1 = marcada, 0 = no marcada",
            "",
            ...codeRows(q.list, questionnaire.lists[q.list]!, (o) => optionVariable(q.id, o.code)),
          );
        }
        break;
      case "country":
        if (q.priority?.length) {
          lines.push(
            `- **Offered first / Se ofrecen primero:** ${slash(languages.map((l, i) => `${phrases[i]!.open}${text(l, wordingKey.countryPriority(q.id))}${phrases[i]!.close}`))}; ` +
              "then every other country by name / después, todos los demás países por nombre",
            "",
            ...header(["Code / Código"]),
            ...q.priority.map((code) => `| ${code} | ${languages.map((l) => cell(countryName(code, l))).join(" | ")} |`),
          );
        } else {
          lines.push("- **Offered / Se ofrecen:** every country by name / todos los países por nombre");
        }
        break;
      case "matrix": {
        const scale = [
          ...questionnaire.lists[q.scale]!.map((o) => ({
            code: o.code,
            labels: languages.map((l) => text(l, wordingKey.option(q.scale, o.code))),
          })),
        ];
        if (q.dontKnow) scale.push({ code: DONT_KNOW, labels: languages.map((l) => commonText(l, "form.dontKnow")) });
        lines.push(
          "",
          "Rows / Filas:",
          "",
          ...codeRows(q.rows, questionnaire.lists[q.rows]!, (o) => matrixRowVariable(q.id, o.code)),
          "",
          "Scale, the same for every row / Escala, la misma en cada fila:",
          "",
          ...header(["Code / Código"]),
          ...scale.map((s) => `| ${s.code} | ${s.labels.map(cell).join(" | ")} |`),
        );
        break;
      }
      case "ranking":
        lines.push(
          `- **Coding / Codificación:** \`${rankVariable(q.id, 1)}\` holds the code ranked first, \`${rankVariable(q.id, 2)}\` the second… / ` +
            `\`${rankVariable(q.id, 1)}\` guarda el código en primer lugar, \`${rankVariable(q.id, 2)}\` el del segundo…`,
          "",
          ...codeRows(q.list, questionnaire.lists[q.list]!),
        );
        break;
      case "consent":
        lines.push("- **Coding / Codificación:** 1 = consent given / 1 = consentimiento otorgado");
        break;
      case "group":
        lines.push(
          `- **Items / Elementos:** each item asks the questions ${q.questions.map((item) => `\`${item.id}\``).join(", ")} / ` +
            "cada elemento hace estas mismas preguntas",
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

  const out: string[] = [];
  out.push(
    `<!-- Generated by \`npx tsx scripts/paper-version.ts\` from app/questionnaires/${questionnaire.id}.ts and ` +
      `${languages.map((l) => `locales/${l}/${questionnaire.id}.json`).join(", ")}. Do not edit by hand: change the definition or the wording and run it again. -->`,
    "",
    `# ${cell(text(languages[0]!, wordingKey.title()))}`,
    "",
    ...languages.slice(1).map((l) => `**${cell(text(l, wordingKey.title()))}**\n`),
    `Questionnaire / Cuestionario \`${questionnaire.id}\`, version / versión ${questionnaire.version}. ` +
      `Languages / Idiomas: ${languages.join(", ")}.`,
    "",
    "## Introduction / Introducción",
    "",
    ...languages.map((l, i) => `**${phrases[i]!.name}:** ${cell(text(l, wordingKey.intro()))}\n`),
    "## How to read this document / Cómo leer este documento",
    "",
    "- Each question shows its dataset variable, its type, whether an answer is required, when it is asked and its codes with their labels in every language. " +
      "/ Cada pregunta muestra su variable, su tipo, si la respuesta es obligatoria, cuándo se pregunta y sus códigos con sus etiquetas en cada idioma.",
    "- Codes are stable: a code keeps its meaning in every version. / Los códigos son estables: un código conserva su significado en todas las versiones.",
    "- Missing values in the coded dataset / Valores faltantes en la base de datos codificada:",
    "",
    "| Code / Código | English | Español |",
    "|---:|---|---|",
    `| ${MISSING.noAnswer} | Shown but not answered | Se mostró, pero no se respondió |`,
    `| ${MISSING.notShown} | Not shown: skipped by a skip rule; for an "other" text, Other was not chosen | No se mostró: omitida por una regla de salto; en un texto de «otro», no se eligió Otro |`,
    `| ${MISSING.dontKnow} | “${commonText("en", "form.dontKnow")}”, where offered | «${commonText("es", "form.dontKnow")}», donde se ofrece |`,
    "- A count of items (`_n`) of 0 means none were added: it is an answer, not a missing value. / Un número de elementos (`_n`) de 0 significa que no se agregó ninguno: es una respuesta, no un valor faltante.",
    "",
    "## Contents / Contenido",
    "",
    ...questionnaire.sections.map((s) => `${numberOf(s)}. ${slash(both(wordingKey.sectionTitle(s.id)).map(cell))} (\`${s.id}\`)`),
    "",
  );

  /** What the start page says before its consent: who asks, why, how long, the privacy notice. */
  const startPage = (): string[] => {
    const estimate = estimateTime(questionnaire);
    const quote = (texts: string[]) => [
      ...texts.flatMap((t, i) => [`> **${phrases[i]!.name}:** ${cell(t)}`, ">"]).slice(0, -1),
      "",
    ];
    const common = (key: string, vars: Record<string, string | number>) => languages.map((l) => fill(commonText(l, key), vars));
    const lines = [
      ...quote(both(wordingKey.start("organiser"))),
      ...quote(both(wordingKey.start("purpose"))),
      ...quote(both(wordingKey.start("use"))),
      `**${slash(phrases.map((p) => p.startTime))}:**`,
      "",
      ...quote(
        common("start.time", {
          shortest: roughMinutes(estimate.shortestSeconds),
          longest: roughMinutes(estimate.longestSeconds),
        }).map((text, i) => `${text} ${phrases[i]!.closing}`),
      ),
      `**${slash(languages.map((l) => commonText(l, "start.privacyHeading")))}:**`,
      "",
      `| | ${phrases.map((p) => p.name).join(" | ")} |`,
      `|---|${phrases.map(() => "---").join("|")}|`,
    ];
    for (const part of privacyNoticeParts) {
      const heading = slash(languages.map((l) => commonText(l, `start.privacy.${part}`)));
      // Drafts are kept DRAFT_RETENTION_DAYS, a setting: the document names it rather than one value.
      const drafts = part === "submissions" ? common("start.draftsKept_other", { count: "`DRAFT_RETENTION_DAYS`" }) : null;
      const texts = both(wordingKey.privacy(part)).map((t, i) => (drafts ? `${drafts[i]} ${t}` : t));
      lines.push(`| ${heading} | ${texts.map(cell).join(" | ")} |`);
    }
    lines.push(
      "",
      `- **${slash(phrases.map((p) => p.consentButton))}:** ${slash(languages.map((l, i) => `${phrases[i]!.open}${commonText(l, "start.agreeAndStart")}${phrases[i]!.close}`))}`,
      "",
    );
    return lines;
  };

  questionnaire.sections.forEach((section: Section) => {
    const s = numberOf(section) - 1;
    const title = slash(both(wordingKey.sectionTitle(section.id)).map(cell));
    out.push(section.start ? `## 0. ${slash(phrases.map((p) => p.startPage))}: ${title}` : `## ${s + 1}. ${title}`, "");
    out.push(`- **Section / Sección:** \`${section.id}\``);
    out.push(
      `- **${slash(phrases.map((p) => p.sectionShown))}:** ` +
        slash(
          languages.map((l, i) =>
            section.start
              ? phrases[i]!.startShown
              : section.showIf
                ? phrases[i]!.shownOnlyIf(ruleWords(section.showIf, l, phrases[i]!))
                : phrases[i]!.everyone,
          ),
        ),
      "",
    );
    if (section.start) out.push(...startPage());
    if (section.intro) {
      for (const [i, l] of languages.entries())
        out.push(`> **${phrases[i]!.name}:** ${cell(text(l, wordingKey.sectionIntro(section.id)))}`, ">");
      out.pop();
      out.push("");
    }
    section.questions.forEach((q, i) => {
      out.push(`### ${s + 1}.${i + 1} \`${q.id}\``, "");
      const rule = languages.map((l, n) => {
        const p = phrases[n]!;
        if (q.showIf) return p.askedOnlyIf(ruleWords(q.showIf, l, p));
        return section.showIf ? p.askedInSection : p.alwaysAsked;
      });
      out.push(...wordingTable(both(wordingKey.label(q.id)), q.hint ? both(wordingKey.hint(q.id)) : null, rule), "");
      out.push(...details(q), "");
      if (q.type === "group") {
        q.questions.forEach((item, n) => {
          const letter = String.fromCharCode("a".charCodeAt(0) + n);
          out.push(`#### ${s + 1}.${i + 1}.${letter} \`${q.id}\` → \`${item.id}\``, "");
          out.push(
            ...wordingTable(
              both(wordingKey.itemLabel(q.id, item.id)),
              item.hint ? both(wordingKey.itemHint(q.id, item.id)) : null,
              phrases.map((p) => p.eachItem),
            ),
            "",
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

/** Reads the Pre-REGM definition and the locale files and renders the paper version. */
export function preRegmPaperVersion(localesDir?: string): string {
  const resources = loadResources(localesDir);
  const questionnaire = loadQuestionnaire(
    preRegm,
    Object.fromEntries(Object.entries(resources).map(([language, namespaces]) => [language, namespaces[preRegm.id]])),
  );
  const wording = Object.fromEntries(
    questionnaire.languages.map((l) => [l, { questionnaire: resources[l]?.[questionnaire.id], common: resources[l]?.common }]),
  );
  return paperVersion(questionnaire, wording);
}
