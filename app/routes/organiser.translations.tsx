import path from "node:path";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { wordingKey } from "~/engine/wording";
import { commonNamespace, fallbackLanguage } from "~/i18n/config";
import { fixedT, i18nFor, languageOf, supportedLanguages } from "~/i18n/i18next.server";
import {
  checkPlaceholders,
  expectedKeys,
  flatten,
  markupOf,
  pluralBases,
  pluralCategoriesOf,
  spacedPlaceholdersOf,
  splitPluralKey,
  type Locales,
} from "~/i18n/locale-tree";
import type { LocaleMeta } from "~/i18n/locale-meta";
import { buildReport, wholeFileKey, type Problem } from "~/i18n/report";
import { languageName } from "~/i18n/language-name";
import { loadLocaleMeta, readResources, localesDir, type BrokenFile } from "~/i18n/resources.server";

/**
 * For administrators: how complete each language of the locales folder is, per area, and
 * which texts are missing or broken, with the same report as `npm run i18n:check` (read
 * fresh from the folder at each visit, so a translator's new file shows at once). Read-only.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

interface Area {
  namespace: string;
  label: string;
  percent: number;
  done: number;
  expected: number;
}

interface ProblemRow {
  file: string;
  /** Null when the whole file is missing. */
  key: string | null;
  english: string | null;
  message: string;
}

interface LanguageRow {
  code: string;
  name: string;
  strict: boolean;
  percent: number;
  done: number;
  expected: number;
  areas: Area[];
  problems: ProblemRow[];
}

/** How the folder is named on the page: relative to the app when it is inside it. */
function shownFolder(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}

/** Each problem of the report, in the organiser's language. */
function problemDescriber(resources: Locales, t: TFunction, language: string, meta: LocaleMeta) {
  const flats = new Map<string, Map<string, unknown>>();
  const flat = (lang: string, namespace: string) => {
    const id = `${lang}\u0000${namespace}`;
    if (!flats.has(id)) flats.set(id, flatten(resources[lang]?.[namespace]));
    return flats.get(id)!;
  };
  const english = resources[fallbackLanguage] ?? {};
  const textIn = (p: Problem) => {
    const value = flat(p.language, p.namespace).get(p.key);
    return typeof value === "string" ? value : "";
  };
  return (p: Problem, expectedInFile: number): string => {
    const enFlat = flat(fallbackLanguage, p.namespace);
    const name = languageName(p.language, language);
    switch (p.kind) {
      case "missing":
        if (p.key === wholeFileKey) return t("translations.problems.missingFile", { count: expectedInFile });
        if (pluralBases(enFlat).has(p.key)) {
          return t("translations.problems.missingPlural", {
            forms: pluralCategoriesOf(p.language)
              .map((c) => `_${c}`)
              .join(", "),
          });
        }
        return t("translations.problems.missing");
      case "plural": {
        const form = splitPluralKey(p.key)?.category ?? p.key;
        return p.language === fallbackLanguage
          ? t("translations.problems.pluralFormEnglish", { form })
          : t("translations.problems.pluralForm", { form, language: name });
      }
      case "empty":
        return t("translations.problems.empty");
      case "notText":
        return t("translations.problems.notText");
      case "placeholder": {
        const value = flat(p.language, p.namespace).get(p.key);
        const plural = expectedKeys(enFlat, p.language).find((e) => e.key === p.key)?.plural;
        const check = checkPlaceholders(
          p.english ?? "",
          typeof value === "string" ? value : "",
          plural ? { allEnglishForms: plural.englishForms.map((k) => String(enFlat.get(k) ?? "")) } : undefined,
        );
        const parts: string[] = [];
        if (check.missing.length)
          parts.push(
            t("translations.problems.placeholderMissing", { count: check.missing.length, list: check.missing.join(", ") }),
          );
        if (check.unknown.length)
          parts.push(
            t("translations.problems.placeholderUnknown", { count: check.unknown.length, list: check.unknown.join(", ") }),
          );
        if (check.broken || parts.length === 0) parts.push(t("translations.problems.placeholderBroken", { example: "{{name}}" }));
        return parts.join(" ");
      }
      case "extra": {
        if (english[p.namespace] === undefined) return t("translations.problems.extraFile");
        const split = splitPluralKey(p.key);
        if (split && pluralBases(enFlat).has(split.base))
          return t("translations.problems.extraPlural", { form: split.category, language: name });
        return t("translations.problems.extra");
      }
      case "placeholderSpaces": {
        const spaced = spacedPlaceholdersOf(textIn(p));
        return t("translations.problems.placeholderSpaces", { list: spaced.map((x) => x.replace(/\s+/g, "")).join(", ") });
      }
      case "markup":
        return t("translations.problems.markup", { markup: markupOf(textIn(p)).join(" ") });
      case "pluralCount":
        return t("translations.problems.pluralCount", {
          example: "{{count}}",
          form: splitPluralKey(p.key)?.category ?? p.key,
          language: name,
        });
      case "tooLong":
        return t("translations.problems.tooLong", {
          length: [...textIn(p)].length,
          limit: meta.maxLength(p.namespace, p.key) ?? 0,
        });
      case "sameAsEnglish":
        return t("translations.problems.sameAsEnglish", { file: "_meta.json" });
      case "invalidJson":
        return t("translations.problems.invalidJson");
      default:
        // The kinds about the code's use of keys need the source, which a deployment does not have.
        return p.message;
    }
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "manageUsers");
  const language = await languageOf(request);
  const t = fixedT(language, "organiser");
  const pageTitle = `${t("translations.title")} – ${fixedT(language, commonNamespace)("app.name")}`;
  const folder = shownFolder(localesDir);
  let resources: Locales;
  let brokenFiles: BrokenFile[];
  let meta: LocaleMeta;
  try {
    // A file that is not valid JSON is one problem among others (with its line), not the end of the page.
    ({ resources, broken: brokenFiles } = readResources(localesDir));
    meta = loadLocaleMeta(localesDir);
  } catch (error) {
    return json({
      pageTitle,
      folder,
      error: t("translations.unreadable", { message: (error as Error).message }),
      languages: [] as LanguageRow[],
      offered: [] as string[],
    });
  }
  // Files are named as translators know them from locales/README.md: locales/fr/common.json.
  // The enabled languages must be complete, as for npm run i18n:check.
  const report = buildReport({
    resources,
    fallbackLanguage,
    strictLanguages: supportedLanguages,
    localesPath: path.basename(localesDir),
    meta,
    brokenFiles,
  });
  const describe = problemDescriber(resources, t, language, meta);
  const i18n = i18nFor(language);
  const areaLabel = (namespace: string) => {
    if (namespace === commonNamespace || namespace === "organiser") return t(`translations.areas.${namespace}`);
    // A questionnaire's file: its title, when the app has loaded it.
    if (i18n.exists(wordingKey.title(), { ns: namespace })) return fixedT(language, namespace)(wordingKey.title());
    return t("translations.areas.file", { file: `${namespace}.json` });
  };
  const languages: LanguageRow[] = report.languages.map((l) => ({
    code: l.language,
    name: languageName(l.language, language),
    strict: l.strict,
    percent: l.percent,
    done: l.done,
    expected: l.expected,
    areas: l.namespaces.map((n) => ({
      namespace: n.namespace,
      label: areaLabel(n.namespace),
      percent: n.percent,
      done: n.done,
      expected: n.expected,
    })),
    problems: report.problems
      .filter((p) => p.language === l.language)
      .map((p) => ({
        file: p.file,
        key: p.position
          ? t("translations.problems.position", { line: p.position.line, column: p.position.column })
          : p.key === wholeFileKey
            ? null
            : p.key,
        english: p.english ?? null,
        message: describe(p, l.namespaces.find((n) => n.namespace === p.namespace)?.expected ?? 0),
      })),
  }));
  const names = (codes: string[]) => codes.map((code) => `${languageName(code, language)} (${code})`).join(", ");
  const available = availableNow(resources);
  const offered = [
    t("translations.enabledLanguages", { languages: names(supportedLanguages) }),
    // Read fresh like the report: a folder dropped in since the start is available, not yet offered.
    available.length ? t("translations.availableLanguages", { languages: names(available) }) : t("translations.noneAvailable"),
  ];
  return json({ pageTitle, folder, error: null as string | null, languages, offered });
}

/** Folders of the locales folder that are not enabled, as read now. */
function availableNow(resources: Locales): string[] {
  return Object.keys(resources)
    .filter((l) => !supportedLanguages.includes(l))
    .sort();
}

/** Nothing to change here: a POST is refused, after the same check as the page. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, "manageUsers");
  throw new Response(fixedT(await languageOf(request), "organiser")("translations.readOnly"), {
    status: 405,
    headers: { Allow: "GET, HEAD" },
  });
}

/** Long file names and keys may break after a dot or a slash, not in the middle of a word. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[./])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

/** "87 %" and, below it, "120 of 138 texts": narrow enough for a phone. */
function Completion({ percent, texts }: { percent: string; texts: string }) {
  return (
    <>
      <strong>{percent}</strong>
      <br />
      <span className="muted">{texts}</span>
    </>
  );
}

export default function Translations() {
  const { folder, error, languages, offered } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organiser");
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(i18n.language);
  const texts = (done: number, expected: number) =>
    t("translations.textsDone", { done: number.format(done), expected: number.format(expected) });
  return (
    <>
      <h1>{t("translations.title")}</h1>
      <p>{t("translations.intro")}</p>
      <p className="muted">{t("translations.folder", { folder })}</p>
      {offered.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {languages.some((l) => l.code !== fallbackLanguage) ? (
        <Form method="post" action="/organiser/translations.xlf" reloadDocument>
          <h2>{t("translations.xliff.title")}</h2>
          <p>{t("translations.xliff.intro")}</p>
          <label htmlFor="xliff-language">{t("translations.xliff.language")}</label>
          <select id="xliff-language" name="language">
            {languages
              .filter((l) => l.code !== fallbackLanguage)
              .map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name} ({l.code})
                </option>
              ))}
          </select>{" "}
          <button type="submit" className="secondary">
            {t("translations.xliff.download")}
          </button>
        </Form>
      ) : null}
      {error ? (
        <div className="summary" role="alert">
          {error}
        </div>
      ) : null}
      {languages.length > 0 ? (
        <TableScroll>
          <table>
            <caption>{t("translations.summaryCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("translations.language")}</th>
                <th scope="col">{t("translations.completion")}</th>
                <th scope="col">{t("translations.problemsColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {languages.map((l) => (
                <tr key={l.code}>
                  <th scope="row">
                    <a href={`#lang-${l.code}`}>
                      {l.name} ({l.code})
                    </a>
                    <br />
                    <span className="muted">
                      {l.strict ? t("translations.offered") : t("translations.notOffered", { code: l.code })}
                    </span>
                  </th>
                  <td>
                    <Completion percent={percent.format(l.percent / 100)} texts={texts(l.done, l.expected)} />
                  </td>
                  <td>
                    {l.problems.length === 0
                      ? t("translations.noneToFix")
                      : t("translations.problemCount", { count: l.problems.length })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {languages.map((l) => (
        <section key={l.code} id={`lang-${l.code}`} aria-labelledby={`lang-${l.code}-title`}>
          <h2 id={`lang-${l.code}-title`}>
            {l.name} ({l.code})
          </h2>
          <TableScroll>
            <table>
              <caption>{t("translations.areasCaption", { language: l.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("translations.area")}</th>
                  <th scope="col">{t("translations.completion")}</th>
                </tr>
              </thead>
              <tbody>
                {l.areas.map((a) => (
                  <tr key={a.namespace}>
                    <th scope="row">{a.label}</th>
                    <td>
                      <Completion percent={percent.format(a.percent / 100)} texts={texts(a.done, a.expected)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {l.problems.length === 0 ? (
            <p>{t("translations.noProblems")}</p>
          ) : (
            <TableScroll>
              <table>
                <caption>{t("translations.problemsCaption", { language: l.name, count: l.problems.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("translations.file")}</th>
                    <th scope="col">{t("translations.key")}</th>
                    <th scope="col">{t("translations.english")}</th>
                    <th scope="col">{t("translations.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.problems.map((p, i) => (
                    <tr key={i}>
                      {/* File names, keys and the English source are data, not texts to translate. */}
                      <td translate="no">
                        <code>
                          <Breakable text={p.file} />
                        </code>
                      </td>
                      <td>
                        {p.key === null ? (
                          t("translations.wholeFile")
                        ) : (
                          <code translate="no">
                            <Breakable text={p.key} />
                          </code>
                        )}
                      </td>
                      <td lang={p.english === null ? undefined : "en"} translate="no">
                        {p.english ?? "—"}
                      </td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
    </>
  );
}
