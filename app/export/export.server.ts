import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Questionnaire } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { fixedT } from "~/i18n/i18next.server";
import { listConsultations } from "~/models/consultation.server";
import { filtersToParams, type ResponseFilters } from "~/organiser/filters";
import {
  describeColumn,
  describeDataset,
  describeGroupFile,
  describeMetadata,
  inVersions,
  valueLabelsText,
  wordingsText,
  type ConsultationLabel,
  type Translate,
  type VariableDescription,
} from "./codebook";
import { dataPackage } from "./datapackage";
import { paradataTable, paradataVariables } from "./paradata.server";
import { datasetColumns, GROUP_METADATA_COLUMNS, groupColumns } from "./columns";
import { bomFor, csvRows } from "./csv";
import {
  codedCsv,
  codingCsv,
  groupCsv,
  labelledCsv,
  labelledGroupCsv,
  countScoped,
  responseBatches,
  versionsAnswered,
  spssGroupData,
  spssMainData,
  tableCsv,
  type DatasetOptions,
} from "./dataset.server";
import { listThemes, type ThemeWithLabels } from "~/models/coding.server";
import { listUsers } from "~/models/user.server";
import { openQuestions, themeWording } from "~/organiser/coding.server";
import { languageName } from "~/i18n/language-name";
import { themeColumns, type ThemeColumn } from "./columns";
import { MISSING, MISSING_LABEL_KEYS } from "~/engine/missing";
import { dtaDataset } from "./dta.server";
import { datasetSav, groupSav } from "./sav.server";
import { emptyMeasure, rScript, spssSyntax, stataSyntax, type ColumnMeasure, type SyntaxFile } from "./syntax";
import { zipStream, type ZipEntry } from "./zip";
import { workbook, type WorkbookOptions } from "./workbook.server";

export const FORMATS = [
  "coded",
  "labelled",
  "codebook",
  "groups",
  "coding",
  "spss",
  "stata",
  "r",
  "dta",
  "sav",
  "xlsx",
  "datapackage",
  "paradata",
  "zip",
] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportRequest extends WorkbookOptions {
  format: ExportFormat;
  filters: ResponseFilters;
  /** The consultations whose responses the dataset pools (all of the questionnaire's when absent). */
  consultations?: string[];
  /** For labelled files, the syntax files' labels and the dataset README. */
  language: string;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  chunks: AsyncIterable<string | Uint8Array>;
}

const translator = (questionnaire: Questionnaire, language: string): Translate => {
  const t = fixedT(language, questionnaire.id);
  return (key, vars) => t(key, vars ?? {});
};

function baseName(questionnaire: Questionnaire, versions: readonly Questionnaire[], day: string) {
  return `${questionnaire.id}-${versions.map((v) => `v${v.version}`).join("-")}-${day}`;
}

/** Codebook rows: one per variable of the main file and of each group file, in every questionnaire language. */
export function codebookRows(
  questionnaire: Questionnaire,
  options: DatasetOptions,
  themes: ThemeWithLabels[] = [],
  consultations: readonly ConsultationLabel[] = [],
): Array<Array<string | number>> {
  const languages = questionnaire.languages;
  const byLanguage = languages.map((language) => {
    const t = translator(questionnaire, language);
    const main = [
      ...describeDataset(questionnaire, datasetColumns(questionnaire, options), t, language, consultations),
      ...(options.themeColumns ?? []).map((c) => describeThemeColumn(c, themes, questionnaire, t, language, options.versions)),
    ].map((v) => ({ file: "main", v }));
    const groups = questionnaire.sections
      .flatMap((s) => s.questions)
      .flatMap((q) =>
        q.type === "group"
          ? groupColumns(questionnaire, q.id, options).map((c) => ({
              file: q.id,
              v: describeColumn(c, questionnaire, t, language),
            }))
          : [],
      );
    const paradata = paradataVariables(questionnaire, t).map((v) => ({ file: "paradata", v }));
    return [...main, ...groups, ...paradata];
  });
  const values = (v: VariableDescription) => valueLabelsText(v.values);
  const missing = (v: VariableDescription) => valueLabelsText(v.missing);
  // A dataset of one version keeps its columns; a pooled one says which versions asked what, and how.
  const pooled = (options.versions?.length ?? 0) > 1;
  const header = [
    "file",
    "variable",
    "section",
    "type",
    ...languages.map((l) => `label_${l}`),
    ...languages.map((l) => `values_${l}`),
    ...languages.map((l) => `skip_rule_${l}`),
    ...languages.map((l) => `missing_codes_${l}`),
    "personal",
    ...(pooled ? ["asked_in", ...languages.map((l) => `wording_by_version_${l}`)] : []),
  ];
  const rows = byLanguage[0]!.map(({ file, v }, i) => [
    file,
    v.variable,
    v.section,
    v.type,
    ...byLanguage.map((d) => d[i]!.v.label),
    ...byLanguage.map((d) => values(d[i]!.v)),
    ...byLanguage.map((d) => d[i]!.v.skipRule),
    ...byLanguage.map((d) => missing(d[i]!.v)),
    v.personal ? "yes" : "no",
    ...(pooled ? [inVersions(v.askedIn ?? []), ...byLanguage.map((d) => wordingsText(d[i]!.v))] : []),
  ]);
  return [header, ...rows];
}

/** Which question each dataset column comes from, for the syntax files' storage widths. */
function describeThemeColumn(
  column: ThemeColumn,
  themes: ThemeWithLabels[],
  questionnaire: Questionnaire,
  t: Translate,
  language: string,
  versions?: readonly Questionnaire[],
): VariableDescription {
  const theme = themes.find((th) => th.id === column.theme.id);
  const themeLabel = theme ? themeWording(theme, language).label : column.theme.code;
  const answer = datasetColumns(questionnaire, { includePersonal: true, versions }).find((c) => c.name === column.question.id)!;
  const base = describeColumn(answer, questionnaire, t, language);
  return {
    ...base,
    variable: column.name,
    type: "flag",
    label: `${t(wordingKey.label(column.question))} – ${t("organiser:codebook.theme", { theme: themeLabel })}`,
    values: [
      { code: 0, label: t("organiser:codebook.themeAbsent") },
      { code: 1, label: t("organiser:codebook.themePresent") },
    ],
    missing: [{ code: MISSING.notCoded, label: t(MISSING_LABEL_KEYS[MISSING.notCoded]) }, ...base.missing],
    maxLength: undefined,
  };
}

const SAV = "application/x-spss-sav";

async function* once(text: string) {
  yield text;
}

/** Text made when it is read: a syntax file written after its data file has measured the columns. */
async function* later(make: () => string) {
  yield make();
}

/** The zip's README in the export's language (organiser:exportReadme.*), English where that language lacks a text. */
async function readme(db: Kysely<Database>, questionnaire: Questionnaire, request: ExportRequest, files: string[]) {
  const count = await countScoped(db, request.filters, { consultationIds: request.consultations });
  const t = fixedT(request.language, "organiser");
  const language = languageName(request.language, request.language);
  return [
    fixedT(request.language, questionnaire.id)(wordingKey.title()),
    t("exportReadme.questionnaire", {
      id: questionnaire.id,
      version: (request.versions ?? [questionnaire]).map((v) => v.version).join(", "),
    }),
    t("exportReadme.exported", { at: new Date().toISOString() }),
    t("exportReadme.responses", { count }),
    t("exportReadme.filters", { filters: filtersToParams(request.filters).toString() || t("exportReadme.noFilters") }),
    t("exportReadme.personal", { answer: t(request.includePersonal ? "exportReadme.yes" : "exportReadme.no") }),
    "",
    t("exportReadme.files"),
    ...files.map((f) => `- ${f}`),
    "",
    t("exportReadme.conventions"),
    t("exportReadme.rows"),
    t("exportReadme.multiple"),
    t("exportReadme.other"),
    t("exportReadme.groups"),
    t("exportReadme.coded"),
    t("exportReadme.missing"),
    ...((request.versions?.length ?? 0) > 1 || (request.consultations?.length ?? 0) > 1 ? [t("exportReadme.pooled")] : []),
    t("exportReadme.asTyped"),
    t(request.neutraliseFormulas === false ? "exportReadme.labelledRaw" : "exportReadme.labelledGuarded"),
    t("exportReadme.encoding"),
    t("exportReadme.stata", { language }),
    "",
    t("exportReadme.syntax"),
    t("exportReadme.spss"),
    t("exportReadme.statadofile"),
    t("exportReadme.r"),
    t("exportReadme.textMissing"),
    t("exportReadme.sav", { language }),
    t("exportReadme.workbook"),
    t("exportReadme.datapackage"),
    t("exportReadme.paradata"),
    "",
  ].join("\r\n");
}

const asEntries = (files: ExportFile[]): ZipEntry[] =>
  files.map((f) => ({
    name: f.filename,
    chunks: () => f.chunks,
    // A workbook is a zip already: deflating it again costs time and saves nothing.
    ...(f.filename.endsWith(".xlsx") ? { level: 0 as const } : {}),
  }));

/**
 * Every export format from one place, for the web and the command line alike. The dataset pools the
 * versions its responses were answered in (`versionOf` finds each; by default only `latest` is known and
 * every response reads as it), ordered by the newest of them.
 */
export async function exportDataset(
  db: Kysely<Database>,
  latest: Questionnaire,
  incoming: ExportRequest,
  versionOf: (version: number) => Questionnaire | undefined = (v) => (v === latest.version ? latest : undefined),
): Promise<ExportFile> {
  const scope = { consultationIds: incoming.consultations };
  const answered = (await versionsAnswered(db, incoming.filters, scope)).flatMap((v) => versionOf(v) ?? []);
  const versions = answered.length ? answered : [latest];
  const questionnaire = versions.at(-1)!;
  const consultations = (await listConsultations(db, questionnaire.id)).filter(
    (c) => !incoming.consultations || incoming.consultations.includes(c.id),
  );
  const themes = await listThemes(db, questionnaire.id);
  const request: ExportRequest = { ...incoming, versions, themeColumns: themeColumns(openQuestions(questionnaire), themes) };
  const day = new Date().toISOString().slice(0, 10);
  const base = baseName(questionnaire, versions, day);
  const csv = "text/csv; charset=utf-8";
  // Files for analysis keep text exactly as typed; only the labelled files, meant for spreadsheets, are guarded.
  const exact: ExportRequest = { ...request, neutraliseFormulas: false };
  const batches = () => responseBatches(db, questionnaire, request.filters, { ...scope, versions });
  const t = translator(questionnaire, request.language);
  const groups = questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.type === "group");
  const codedName = `${base}-coded.csv`;
  const groupFileName = (groupId: string) => `${base}-${groupId}-items.csv`;
  const variables = () => [
    ...describeDataset(questionnaire, datasetColumns(questionnaire, request), t, request.language, consultations),
    ...(request.themeColumns ?? []).map((c) => describeThemeColumn(c, themes, questionnaire, t, request.language, versions)),
  ];
  const title = fixedT(request.language, questionnaire.id)(wordingKey.title());

  const plain = "text/plain; charset=utf-8";
  /** Each data file the syntax files read: the main file and each group's items, by the stem of their names. */
  interface SyntaxSource {
    stem: string;
    codedFile: string;
    syntax: (dataFile: string, outFile: string) => SyntaxFile;
    spssData: (measure: ColumnMeasure) => AsyncIterable<string>;
  }
  const mainSyntax: SyntaxSource = {
    stem: base,
    codedFile: codedName,
    syntax: (dataFile, outFile) => ({ title, variables: variables(), dataFile, outFile }),
    spssData: (measure) => spssMainData(questionnaire, batches(), exact, measure),
  };
  const groupSyntax = groups.map((g): SyntaxSource => {
    const stem = `${base}-${g.id}-items`;
    return {
      stem,
      codedFile: `${stem}.csv`,
      syntax: (dataFile, outFile) => ({
        title: `${title} – ${t(wordingKey.label(g.id))}`,
        variables: describeGroupFile(questionnaire, groupColumns(questionnaire, g.id, request), t, request.language),
        dataFile,
        outFile,
      }),
      spssData: (measure) => spssGroupData(questionnaire, g.id, batches(), exact, measure),
    };
  });
  const syntaxText = (source: SyntaxSource, extension: "do" | "R", write: (file: SyntaxFile) => string): ExportFile => ({
    filename: `${source.stem}.${extension}`,
    contentType: plain,
    chunks: once(write(source.syntax(source.codedFile, `${source.stem}-stata.dta`))),
  });
  /** SPSS reads its own data files (line breaks encoded); each .sps comes after its data, whose widths it uses. */
  const spssFiles = (): ExportFile[] =>
    [mainSyntax, ...groupSyntax].flatMap((source) => {
      const measure = emptyMeasure();
      const dataFile = `${source.stem}-spss.csv`;
      return [
        { filename: dataFile, contentType: csv, chunks: source.spssData(measure) },
        {
          filename: `${source.stem}.sps`,
          contentType: plain,
          chunks: later(() => spssSyntax(source.syntax(dataFile, `${source.stem}-spss.zsav`), measure)),
        },
      ];
    });

  const themeCodes = new Map(themes.map((th) => [th.id, th.code]));
  const coderNames = new Map((await listUsers(db)).map((u) => [u.id, u.name]));
  const files: Record<Exclude<ExportFormat, "zip" | "groups">, () => ExportFile> = {
    coding: () => ({
      filename: `${base}-coding.csv`,
      contentType: csv,
      chunks: codingCsv(batches(), themeCodes, coderNames, exact),
    }),
    coded: () => ({ filename: codedName, contentType: csv, chunks: codedCsv(questionnaire, batches(), exact) }),
    labelled: () => ({
      filename: `${base}-labelled-${request.language}.csv`,
      contentType: csv,
      chunks: labelledCsv(questionnaire, batches(), t, request.language, request),
    }),
    codebook: () => ({
      filename: `${base}-codebook.csv`,
      contentType: csv,
      chunks: once(bomFor(request) + csvRows(codebookRows(questionnaire, request, themes, consultations), exact)),
    }),
    spss: () => ({
      filename: `${base}-spss.zip`,
      contentType: "application/zip",
      chunks: zipStream(asEntries(spssFiles())),
    }),
    dta: () => ({
      filename: `${base}.dta`,
      contentType: "application/x-stata-dta",
      chunks: dtaDataset(questionnaire, batches(), variables(), title, exact),
    }),
    stata: () => syntaxText(mainSyntax, "do", stataSyntax),
    r: () => syntaxText(mainSyntax, "R", rScript),
    sav: () => ({
      filename: `${base}.sav`,
      contentType: SAV,
      chunks: datasetSav(questionnaire, variables(), batches, exact, title),
    }),
    paradata: () => ({
      filename: `${base}-paradata.csv`,
      contentType: csv,
      chunks: tableCsv(paradataTable(db, questionnaire, batches()), exact),
    }),
    datapackage: () => ({
      filename: "datapackage.json",
      contentType: "application/json",
      chunks: once(
        `${JSON.stringify(
          dataPackage(
            {
              name: base.toLowerCase(),
              title,
              description: t("organiser:codebook.packageDescription"),
              created: new Date().toISOString(),
            },
            [
              { name: "responses", path: codedName, title, variables: variables() },
              ...groups.map((g) => ({
                name: `${g.id}-items`.toLowerCase(),
                path: groupFileName(g.id),
                title: `${title} – ${t(wordingKey.label(g.id))}`,
                variables: [
                  ...describeMetadata(GROUP_METADATA_COLUMNS, t),
                  ...groupColumns(questionnaire, g.id, request).map((c) => describeColumn(c, questionnaire, t, request.language)),
                ],
                group: true,
              })),
            ],
          ),
          null,
          2,
        )}\n`,
      ),
    }),
    xlsx: () => ({
      filename: `${base}-${request.codes ? "coded" : `labelled-${request.language}`}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // Text exactly as typed: a workbook cell holds text as text, never as a formula.
      chunks: workbook(
        questionnaire,
        batches,
        codebookRows(questionnaire, request, themes, consultations),
        t,
        request.language,
        exact,
      ),
    }),
  };

  if (request.format === "groups") {
    const group = groups[0];
    if (!group)
      return {
        filename: `${base}-items.csv`,
        contentType: csv,
        chunks: once(bomFor(request) + csvRows([[...GROUP_METADATA_COLUMNS]], exact)),
      };
    return {
      filename: groupFileName(group.id),
      contentType: csv,
      chunks: groupCsv(questionnaire, group.id, batches(), exact),
    };
  }
  if (request.format !== "zip") return files[request.format]();

  const zipped: ExportFile[] = [
    files.coded(),
    ...questionnaire.languages.map((language) => {
      const tl = translator(questionnaire, language);
      return {
        filename: `${base}-labelled-${language}.csv`,
        contentType: csv,
        chunks: labelledCsv(questionnaire, batches(), tl, language, request),
      };
    }),
    ...groups.flatMap((g) => [
      {
        filename: `${base}-${g.id}-items.csv`,
        contentType: csv,
        chunks: groupCsv(questionnaire, g.id, batches(), exact),
      },
      ...questionnaire.languages.map((language) => ({
        filename: `${base}-${g.id}-items-labelled-${language}.csv`,
        contentType: csv,
        chunks: labelledGroupCsv(questionnaire, g.id, batches(), translator(questionnaire, language), language, request),
      })),
    ]),
    ...(themes.length ? [files.coding()] : []),
    files.codebook(),
    ...spssFiles(),
    ...[mainSyntax, ...groupSyntax].flatMap((source) => [
      syntaxText(source, "do", stataSyntax),
      syntaxText(source, "R", rScript),
    ]),
    files.dta(),
    files.sav(),
    ...groups.map((g) => ({
      filename: `${base}-${g.id}-items.sav`,
      contentType: SAV,
      chunks: groupSav(questionnaire, g.id, batches, t, request.language, exact, title),
    })),
    files.paradata(),
    files.xlsx(),
    files.datapackage(),
  ];
  const entries = asEntries(zipped);
  const names = entries.map((e) => e.name);
  const readmeText = await readme(db, questionnaire, request, names);
  entries.push({ name: "README.txt", chunks: () => once(readmeText) });
  return { filename: `${base}.zip`, contentType: "application/zip", chunks: zipStream(entries) };
}
