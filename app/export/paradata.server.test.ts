import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { questionnaireSchema } from "~/engine/definition";
import { createResponse, saveSection, submitResponse } from "~/models/response.server";
import demoDefinition from "~/questionnaires/demo";
import { answered, empty } from "../../tests/support/answers";
import { exportDataset, type ExportFormat } from "./export.server";

const demo = questionnaireSchema.parse(demoDefinition);

async function read(db: ReturnType<typeof openDatabase>, format: ExportFormat) {
  const file = await exportDataset(db, demo, {
    format,
    filters: { questionnaireId: "demo", statuses: ["submitted", "draft"], languages: [], codes: {} },
    language: "en",
  });
  let text = "";
  for await (const chunk of file.chunks) text += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  return {
    file,
    rows: Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data,
  };
}

const at = (time: string) => vi.setSystemTime(new Date(`2026-12-01T${time}Z`));

afterEach(() => {
  vi.useRealTimers();
});

describe("the paradata file", () => {
  it("gives the last section reached, save times, seconds per section and language switches", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    const ids = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"];
    at("10:00:00.000");
    for (const id of ids)
      await createResponse(db, {
        id,
        questionnaireId: "demo",
        questionnaireVersion: 1,
        language: "es",
        tokenHash: id,
        codeHash: id,
      });
    const save = (id: string, language: string, currentSection: string, answers: Parameters<typeof saveSection>[1]["answers"]) =>
      saveSection(db, { responseId: id, language, currentSection, answers, notShown: [] });
    // A draft: the first section in Spanish, the second after switching to English.
    at("10:01:40.000");
    await save(ids[0]!, "es", "facts", [answered("likes_fruit", 2), empty("size")]);
    at("10:03:00.000");
    await save(ids[0]!, "en", "opinions", [answered("name", "Red"), empty("staff")]);
    // Submitted, in Spanish throughout, two sections.
    at("10:02:00.000");
    await save(ids[1]!, "es", "facts", [answered("likes_fruit", 1)]);
    at("10:02:30.000");
    await save(ids[1]!, "es", "opinions", [answered("name", "Otra")]);
    at("10:05:00.000");
    await submitResponse(db, ids[1]!);

    const { file, rows } = await read(db, "paradata");
    expect(file.filename).toMatch(/^demo-v1-\d{4}-\d{2}-\d{2}-paradata\.csv$/);
    expect(rows).toEqual([
      {
        response_id: ids[0],
        status: "draft",
        language: "en",
        started_at: "2026-12-01T10:00:00.000Z",
        last_saved_at: "2026-12-01T10:03:00.000Z",
        submitted_at: "",
        current_section: "opinions",
        last_saved_section: "facts",
        sections_saved: "2",
        language_switches: "1",
        languages_used: "es;en",
        seconds_choices: "100",
        seconds_facts: "80",
        seconds_opinions: "-99",
        seconds_examples: "-99",
      },
      {
        response_id: ids[1],
        status: "submitted",
        language: "es",
        started_at: "2026-12-01T10:00:00.000Z",
        last_saved_at: "2026-12-01T10:05:00.000Z",
        submitted_at: "2026-12-01T10:05:00.000Z",
        current_section: "",
        last_saved_section: "facts",
        sections_saved: "2",
        language_switches: "0",
        languages_used: "es",
        seconds_choices: "120",
        seconds_facts: "30",
        seconds_opinions: "-99",
        seconds_examples: "-99",
      },
    ]);
  });

  it("is described in the codebook, and listed in the zip", async () => {
    const db = openDatabase(":memory:");
    await migrateToLatest(db);
    const { rows } = await read(db, "codebook");
    const paradata = rows.filter((r) => r.file === "paradata");
    expect(paradata.map((r) => r.variable)).toContain("seconds_facts");
    expect(paradata.find((r) => r.variable === "language_switches")?.label_es).toBe(
      "Número de veces que la persona encuestada cambió de idioma",
    );
    expect(paradata.find((r) => r.variable === "seconds_facts")?.missing_codes_en).toBe("-99 = section not saved");
  });
});
