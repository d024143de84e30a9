import fs from "node:fs";
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { deriveSectionSchema } from "~/engine/answer-schema";
import { fixedT } from "~/i18n/i18next.server";
import { loadDefinitions, pickVersion } from "./load-definitions";
import { currentDigests, currentWording, readReleased, versionWordings } from "./released.server";
import { changelog, findReleaseFaults, findReusedCodes, formatChangelog, wordingOf, type VersionWording } from "./versions";

const fixture = (file: string) => JSON.parse(fs.readFileSync(`tests/fixtures/definitions/${file}`, "utf8")) as unknown;
const english = fixture("sample.en.json") as { questions: { org: { label: string } } };
const versions = loadDefinitions(
  { "sample/v1.json": fixture("sample/v1.json"), "sample/v2.json": fixture("sample/v2.json") },
  () => ({
    en: english,
  }),
);
const v1 = pickVersion(versions, "sample", 1)!;
const v2 = pickVersion(versions, "sample")!;
/** v1's wording as released; the org question was reworded since, in the shared locale file. */
const v1Released: VersionWording = {
  questionnaire: v1,
  wording: { ...wordingOf(v1, english), "questions.org.label": "What kind of organisation is yours?" },
};
const v2Now: VersionWording = { questionnaire: v2, wording: wordingOf(v2, english) };

function validates(version: typeof v1, org: string): boolean {
  const section = version.sections[0]!;
  const formData = new FormData();
  formData.set("org", org);
  const schema = deriveSectionSchema(version, section, new Set(section.questions.map((q) => q.id)), fixedT("en"));
  return parseWithZod(formData, { schema }).status === "success";
}

describe("frozen versions side by side", () => {
  it("serves the latest version unless a response's own version is asked for", () => {
    expect(v2.version).toBe(2);
    expect(pickVersion(versions, "sample", 1)?.version).toBe(1);
  });

  it("validates an old response against the version it was answered in", () => {
    // Code 3 was offered in v1 only: a v1 answer stays valid with v1, and v2 refuses it.
    expect(validates(v1, "3")).toBe(true);
    expect(validates(v2, "3")).toBe(false);
    expect(validates(v2, "4")).toBe(true);
  });

  it("lists added, removed and reworded questions and options between versions", () => {
    expect(changelog(v1Released, v2Now)).toEqual({
      addedQuestions: ["budget"],
      removedQuestions: ["staff"],
      rewordedQuestions: ["org"],
      addedOptions: ["org.4"],
      removedOptions: ["org.3"],
      rewordedOptions: [],
    });
    expect(formatChangelog("sample", v1Released, v2Now)).toContain(
      "- org: “What kind of organisation is yours?” → “Which kind of organisation do you work for?”",
    );
  });

  it("fails when a code is reused with another meaning in a later version", () => {
    expect(findReusedCodes([v1Released, v2Now])).toEqual([]);
    const reused: VersionWording = { questionnaire: v2, wording: { ...v2Now.wording, "lists.org.2": "Cooperative" } };
    expect(findReusedCodes([v1Released, reused])).toEqual([
      'questionnaire "sample": list "org" code 2 means "Company" in v1 but "Cooperative" in v2: give the new meaning a new code',
    ]);
  });

  it("fails when a released version file changes or goes away", () => {
    const released = { "sample/v1.json": { sha256: "a".repeat(64), wording: {} } };
    expect(findReleaseFaults({ "sample/v1.json": "a".repeat(64) }, released)).toEqual([]);
    expect(findReleaseFaults({ "sample/v1.json": "b".repeat(64) }, released)).toEqual([
      "sample/v1.json was released and has changed: restore it and put the change in a new version",
    ]);
    expect(findReleaseFaults({}, released)).toEqual([
      "sample/v1.json was released and is gone: released versions stay, like migrations",
    ]);
  });
});

describe("the released definitions", () => {
  const released = readReleased();

  it("are unchanged since release, and every definition file is released", () => {
    expect(findReleaseFaults(currentDigests(), released)).toEqual([]);
    expect(Object.keys(released).sort()).toEqual(Object.keys(currentDigests()).sort());
  });

  it("keep the meaning of every code across versions and in today's locale files", () => {
    for (const id of new Set(Object.keys(released).map((file) => file.split("/")[0]!))) {
      const all = versionWordings(id, released);
      expect(findReusedCodes([...all, ...all.map(currentWording)])).toEqual([]);
    }
  });

  it("lists pre-regm v2's new option and its reworded question, worded under a key of its own", () => {
    const [v1, v2] = versionWordings("pre-regm");
    expect(changelog(v1!, v2!)).toEqual({
      addedQuestions: [],
      removedQuestions: [],
      rewordedQuestions: ["cs_role"],
      addedOptions: ["practice.9"],
      removedOptions: [],
      rewordedOptions: [],
    });
    // v1 keeps the text its respondents read.
    expect(v1!.wording["questions.cs_role.label"]).toBe(
      "What role should civil society play in PPPs against trafficking in persons?",
    );
    expect(v2!.wording["questions.cs_role_v2.label"]).toContain("organisations of survivors of trafficking");
  });
});
