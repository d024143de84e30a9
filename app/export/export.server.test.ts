import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { answered, empty, hidden } from "../../tests/support/answers";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { countryName } from "~/engine/countries";
import { questionnaireSchema } from "~/engine/definition";
import { formatAnswer } from "~/engine/format-answer";
import { fixedT } from "~/i18n/i18next.server";
import { createResponse, saveSection, submitResponse, type AnswerToStore } from "~/models/response.server";
import demoDefinition from "~/questionnaires/demo";
import { exportDataset, type ExportFormat } from "./export.server";

const demo = questionnaireSchema.parse({
  ...demoDefinition,
  sections: demoDefinition.sections.map((s) => ({
    ...s,
    questions: s.questions.map((q) => (q.id === "contact" ? { ...q, personal: true } : q)),
  })),
});
const submitted = { questionnaireId: "demo", statuses: ["submitted" as const], languages: [], codes: {} };
const withDrafts = { ...submitted, statuses: ["submitted" as const, "draft" as const] };

// Every question type and every missing-value case: answered, shown but empty, not shown, never reached, don't know.
const responses: Array<{ status: "submitted" | "draft"; language: string; answers: AnswerToStore[] }> = [
  {
    status: "submitted",
    language: "es",
    answers: [
      answered("likes_fruit", 1),
      answered("fruit", 96, 'Guanábana, "la" fruta'),
      answered("channels", [1, 96], "Feria"),
      hidden("channel_note"),
      answered("size", 13),
      answered("big_note", "Mercado\r\nCentral"),
      answered("name", "Red de Alerta"),
      answered("story", "Empezó en 2015; creció."),
      answered("staff", 12),
      answered("share", 25.5),
      answered("started", "2019-06-30"),
      answered("contact", "ana@example.org"),
      answered("based_in", "MX"),
      answered("aspects", { "1": 4, "2": -77, "3": 1 }),
      answered("enablers", [2, 1, 5]),
      answered("example", [{ title: "Línea 24/7", sector: 3, year: 2015 }, { title: '=HYPERLINK("x")' }]),
      answered("agree", true),
    ],
  },
  {
    status: "submitted",
    language: "en",
    answers: [
      answered("likes_fruit", 2),
      hidden("fruit"),
      answered("channels", [97]),
      hidden("channel_note"),
      empty("size"),
      hidden("big_note"),
      empty("name"),
      hidden("story"),
      answered("staff", 0),
      hidden("share"),
      empty("started"),
      empty("contact"),
      empty("based_in"),
      // The opinions section was skipped whole: nothing stored for it, as in the app.
      empty("example"),
      answered("agree", true),
    ],
  },
  { status: "draft", language: "en", answers: [answered("likes_fruit", 1), answered("fruit", 2)] },
];

let db: ReturnType<typeof openDatabase>;
beforeAll(async () => {
  db = openDatabase(":memory:");
  await migrateToLatest(db);
  for (const [i, r] of responses.entries()) {
    const id = `00000000-0000-4000-8000-00000000000${i}`;
    await createResponse(db, {
      id,
      questionnaireId: "demo",
      questionnaireVersion: 1,
      language: r.language,
      tokenHash: `t${i}`,
      codeHash: `c${i}`,
    });
    await saveSection(db, { responseId: id, language: r.language, currentSection: null, answers: r.answers, notShown: [] });
    if (r.status === "submitted") await submitResponse(db, id);
  }
});

async function download(format: ExportFormat, options: Partial<Parameters<typeof exportDataset>[2]> = {}) {
  const file = await exportDataset(db, demo, { format, filters: submitted, language: "en", ...options });
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of file.chunks) parts.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return { file, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

const table = (text: string) =>
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

/** What the codebook says about each variable: its type and code -> label (values and missing codes). */
function readCodebook(text: string, language: string) {
  const codebook = new Map<string, { type: string; labels: Map<string, string>; file: string }>();
  for (const row of table(text)) {
    const labels = new Map<string, string>();
    for (const part of [row[`values_${language}`]!, row[`missing_codes_${language}`]!].join(" | ").split(" | ").filter(Boolean)) {
      const [code, ...label] = part.split(" = ");
      labels.set(code!, label.join(" = "));
    }
    codebook.set(`${row.file}:${row.variable}`, { type: row.type!, labels, file: row.file! });
  }
  return codebook;
}

describe("the coded CSV read back with the codebook alone", () => {
  it("gives every stored answer's label back, for every question type and missing case", async () => {
    const rows = table((await download("coded")).text);
    const codebook = readCodebook((await download("codebook")).text, "en");
    expect(rows).toHaveLength(2);
    const t = fixedT("en", "demo");
    const ctx = { t: (k: string, v?: Record<string, unknown>) => t(k, v ?? {}), lists: demo.lists, language: "en" };
    const decode = (variable: string, cell: string) => {
      const entry = codebook.get(`main:${variable}`);
      expect(entry, variable).toBeDefined();
      return entry!.labels.get(cell) ?? cell;
    };
    let checked = 0;
    for (const [i, row] of rows.entries()) {
      const stored = new Map(responses[i]!.answers.map((a) => [a.variable, a]));
      for (const question of demo.sections.flatMap((s) => s.questions)) {
        if (question.personal) {
          expect(row[question.id], "personal data is left out by default").toBeUndefined();
          continue;
        }
        const answer = stored.get(question.id) ?? { variable: question.id, state: "not_shown" as const };
        const missingLabel = answer.state === "not_shown" ? "Not shown (skip logic)" : "No answer";
        // The stored answer in words, by the engine, independently of the export code.
        const words = answer.state === "answered" ? formatAnswer(question, answer.value, undefined, ctx) : [];
        switch (question.type) {
          case "multiple":
            for (const option of demo.lists[question.list]!) {
              const variable = `${question.id}___${option.code}`;
              const label = t(`lists.${question.list}.${option.code}`);
              const expected = answer.state !== "answered" ? missingLabel : words.includes(label) ? "Chosen" : "Not chosen";
              expect(decode(variable, row[variable]!), variable).toBe(expected);
              checked++;
            }
            break;
          case "matrix":
            for (const r of demo.lists[question.rows]!) {
              const variable = `${question.id}_r${r.code}`;
              const rowLabel = t(`lists.${question.rows}.${r.code}`);
              const expected =
                answer.state !== "answered"
                  ? missingLabel
                  : words.find((w) => w.startsWith(`${rowLabel}: `))!.slice(rowLabel.length + 2);
              expect(decode(variable, row[variable]!), variable).toBe(expected);
              checked++;
            }
            break;
          case "ranking":
            for (let rank = 1; rank <= question.top; rank++) {
              const variable = `${question.id}_${rank}`;
              const expected = answer.state !== "answered" ? missingLabel : words[rank - 1]!.replace(/^\d+\. /, "");
              expect(decode(variable, row[variable]!), variable).toBe(expected);
              checked++;
            }
            break;
          case "group": {
            const expected = answer.state !== "answered" ? missingLabel : String((answer.value as unknown[]).length);
            // Shown and saved with no item: none, a count of 0.
            expect(decode(`${question.id}_n`, row[`${question.id}_n`]!)).toBe(answer.state === "empty" ? "0" : expected);
            checked++;
            break;
          }
          case "consent":
            expect(decode(question.id, row[question.id]!)).toBe("Given");
            checked++;
            break;
          default: {
            const cell = row[question.id]!;
            if (answer.state !== "answered") expect(decode(question.id, cell), question.id).toBe(missingLabel);
            else if (question.type === "country") expect(decode(question.id, cell)).toBe(countryName(String(answer.value), "en"));
            else if (question.type === "single") expect(decode(question.id, cell)).toBe(words[0]!.split(": ")[0]);
            else if (question.type === "number") expect(Number(cell)).toBe(answer.value);
            else expect(cell).toBe(String(answer.value));
            checked++;
            if (question.type === "single" && demo.lists[question.list]!.some((o) => o.other)) {
              const other = row[`${question.id}_other`]!;
              // Other not chosen: the text was not asked.
              expect(answer.otherText === undefined ? decode(`${question.id}_other`, other) : other).toBe(
                answer.state === "answered" || answer.state === "empty"
                  ? (answer.otherText ?? "Not shown (skip logic)")
                  : missingLabel,
              );
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("marks questions of a skipped section that were never stored as not shown", async () => {
    const [, , draft] = table((await download("coded", { filters: withDrafts })).text);
    // The draft answered likes_fruit = 1 only: the opinions section applies but was not reached; channel_note is hidden.
    expect(draft).toMatchObject({ aspects_r1: "-99", channel_note: "-88", name: "-99" });
  });

  it("never writes 0 or a blank for a missing answer", async () => {
    const [, second] = table((await download("coded")).text);
    expect(second!.size).toBe("-99");
    expect(second!.fruit).toBe("-88");
    expect(second!.channels___1).toBe("0");
    expect(second!.aspects_r1).toBe("-88");
    // The respondent saw the examples and added none.
    expect(second!.example_n).toBe("0");
    expect(second!.fruit_other).toBe("-88");
    expect(second!.staff).toBe("0");
  });

  it("includes drafts only when asked, and personal data only when asked", async () => {
    expect(table((await download("coded", { filters: withDrafts })).text)).toHaveLength(3);
    const [first] = table((await download("coded", { includePersonal: true })).text);
    expect(first!.contact).toBe("ana@example.org");
  });
});

describe("CSV safety", () => {
  it("keeps text as typed in analysis files, guards labelled files by default, quotes per RFC 4180", async () => {
    const items = (await download("groups")).text;
    expect(items).toContain(`"=HYPERLINK(""x"")"`);
    const [first] = table((await download("coded")).text);
    expect(first!.fruit_other).toBe('Guanábana, "la" fruta');
    expect(first!.big_note).toBe("Mercado\r\nCentral");
    expect((await download("coded")).text.startsWith("\uFEFF")).toBe(true);
    const raw = await download("groups", { bom: false });
    expect(raw.text.startsWith("\uFEFF")).toBe(false);
  });
});

describe("labelled CSV and the group file", () => {
  it("labels codes in the chosen language", async () => {
    const [first] = table((await download("labelled", { language: "es" })).text);
    expect(first).toMatchObject({
      likes_fruit: "Sí",
      fruit: "Otra",
      channels___96: "Elegida",
      aspects_r2: "No sé",
      based_in: "México",
      channel_note: "No mostrada (lógica de salto)",
    });
  });

  it("puts repeatable group items in long format with the parent response id", async () => {
    const items = table((await download("groups")).text);
    expect(items).toEqual([
      {
        response_id: "00000000-0000-4000-8000-000000000000",
        group: "example",
        item: "1",
        title: "Línea 24/7",
        sector: "3",
        year: "2015",
      },
      {
        response_id: "00000000-0000-4000-8000-000000000000",
        group: "example",
        item: "2",
        title: '=HYPERLINK("x")',
        sector: "-99",
        year: "-99",
      },
    ]);
  });
});

describe("SPSS and R syntax", () => {
  it("label exactly what the codebook labels", async () => {
    const codebook = readCodebook((await download("codebook")).text, "en");
    const spssZip = unzipSync((await download("spss")).bytes);
    const sps = strFromU8(spssZip[Object.keys(spssZip).find((n) => /\d\.sps$/.test(n))!]!);
    const r = (await download("r")).text;
    const main = [...codebook].filter(([key]) => key.startsWith("main:"));
    for (const [key, entry] of main) {
      const variable = key.slice(5);
      expect(sps, variable).toMatch(new RegExp(`^    ${variable} [AF]\\d+`, "m"));
      if (entry.labels.size === 0) continue;
      const valueLabels = sps.split("VALUE LABELS")[1]!.split("\n\nMISSING VALUES")[0]!.replace(/\.$/, "");
      const block = valueLabels.split(/\n {2}\//).find((b) => b.trimStart().startsWith(`${variable}\n`));
      expect(block, variable).toBeDefined();
      const spssLabels = new Map(
        [...block!.matchAll(/^ {4}("?)(.+?)\1 "((?:[^"]|"")*)"$/gm)].map((m) => [m[2]!, m[3]!.replace(/""/g, '"')]),
      );
      expect(spssLabels, variable).toEqual(entry.labels);
      if (entry.type === "categorical" || entry.type === "flag" || entry.type === "metadata") {
        const line = r.split("\n").find((l) => l.startsWith(`d$${variable} <- label_codes(`));
        expect(line, variable).toBeDefined();
        // label_codes(x, values, labels, missing codes, their labels): R strings escape non-ASCII as \u.
        const vectors = [...line!.matchAll(/c\(((?:"(?:[^"\\]|\\.)*"|[^()])*)\)/g)].map((m) => m[1]!);
        const strings = (v: string) =>
          [...v.matchAll(/"((?:[^"\\]|\\.)*)"|(-?\d+)/g)].map(
            (m) =>
              (m[2] ??
                JSON.parse(
                  `"${m[1]!.replace(/\\U([0-9a-f]{8})/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))}"`,
                )) as string,
          );
        const [levels, labels, missingLevels, missingLabels] = vectors.map(strings);
        const rLabels = [...levels!, ...missingLevels!].map((l, i) => [l, [...labels!, ...missingLabels!][i]!] as const);
        expect(new Map(rLabels), variable).toEqual(entry.labels);
      }
    }
    expect(sps).toMatch(/MISSING VALUES\n {2}likes_fruit \(-99, -88\)/);
    expect(sps).toMatch(/aspects_r1 \(-99, -88, -77\)/);
  });
});

describe("the zip", () => {
  it("holds every file and a README with the counts and filters", async () => {
    const { bytes, file } = await download("zip");
    expect(file.filename).toMatch(/^demo-v1-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(bytes);
    const names = Object.keys(files).map((n) => n.replace(/^demo-v1-\d{4}-\d{2}-\d{2}/, "*"));
    expect(names.sort()).toEqual(
      [
        "*-coded.csv",
        "*-labelled-en.csv",
        "*-labelled-es.csv",
        "*-example-items.csv",
        "*-example-items-labelled-en.csv",
        "*-example-items-labelled-es.csv",
        "*-codebook.csv",
        "*-spss.csv",
        "*.sps",
        "*-example-items-spss.csv",
        "*-example-items.sps",
        "*.do",
        "*-example-items.do",
        "*.R",
        "*.dta",
        "*-example-items.R",
        "*.sav",
        "*-example-items.sav",
        "*-labelled-en.xlsx",
        "*-paradata.csv",
        "datapackage.json",
        "README.txt",
      ].sort(),
    );
    const readme = strFromU8(files["README.txt"]!);
    expect(readme).toContain("Responses: 2");
    expect(readme).toContain("status=submitted");
    expect(readme).toContain("-88 not shown by the skip logic");
    expect(readme).toMatch(/^- demo-v1-\d{4}-\d{2}-\d{2}\.dta$/m);
    expect(readme).toContain(".a = -99, .b = -88, .c = -77, .d = -66");
  });

  it("has its README in the export's language", async () => {
    const readme = strFromU8(unzipSync((await download("zip", { language: "es" })).bytes)["README.txt"]!);
    expect(readme).toContain("Respuestas: 2");
    expect(readme).toContain("-88 no se mostró por las reglas de salto");
    expect(readme).toContain("etiquetas en español");
    expect(readme).not.toContain("Responses:");
  });
});

describe("the Pre-REGM codebook", () => {
  it("describes every variable of the dataset, in English and Spanish", async () => {
    const { default: preRegmDefinition } = await import("~/questionnaires/pre-regm");
    const preRegm = questionnaireSchema.parse(preRegmDefinition);
    const filters = { questionnaireId: "pre-regm", statuses: ["submitted" as const], languages: [], codes: {} };
    const read = async (format: ExportFormat) => {
      const file = await exportDataset(db, preRegm, { format, filters, language: "en", includePersonal: true });
      let text = "";
      for await (const chunk of file.chunks) text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      return text;
    };
    const header = Papa.parse<string[]>((await read("coded")).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data[0]!;
    const codebook = table(await read("codebook")).filter((row) => row.file === "main");
    expect(codebook.map((row) => row.variable)).toEqual(header);
    for (const row of codebook) {
      expect(row.label_en, row.variable).toBeTruthy();
      expect(row.label_es, row.variable).toBeTruthy();
      expect(row.label_es, row.variable).not.toBe(row.label_en);
    }
    expect(header).toEqual(
      expect.arrayContaining([
        "org_type",
        "org_type_other",
        "country",
        "areas___1",
        "chal_sc_r1",
        "enablers_1",
        "ppp_ex_n",
        "consent",
        "email",
      ]),
    );
  });
});
