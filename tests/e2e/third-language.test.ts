import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { fallbackLanguage } from "../../app/i18n/config";
import { formatLocaleFile } from "../../app/i18n/locale-tree";
import { pseudoLocale, pseudoText } from "../../app/i18n/pseudo";
import { loadResources } from "../../app/i18n/resources.server";
import { paperVersions } from "../../app/questionnaires/paper-version";
import { getQuestionnaire } from "../../app/questionnaires/registry.server";
import { createAccount } from "../support/accounts";
import { filledDatabase } from "../support/filled-database";
import { startServer, type RunningServer } from "../support/server";
import { tempDir } from "../support/test-env";

/**
 * Issue #18's done-when: a third language folder, complete (every English text of every file,
 * pseudo-localised: `⟦Ñéẋţ ··⟧`, so any text that is not from it shows), is offered everywhere once
 * LANGUAGES enables it (respondent pages, the server's own refusals, e-mails, the codebook, the
 * labelled file, the export README, the paper version), and nowhere while it is only a folder.
 */
const THIRD = "eo";
const organiser = { email: "third@example.org", password: "correct horse battery" };

let localesDir: string;
let english: ReturnType<typeof loadResources>[string];
let enabled: RunningServer;
let present: RunningServer;

/** A locale text as the app shows it: `{{placeholder}}`s filled in. */
const fill = (text: string, values: Record<string, string> = {}) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
/** An English text, by namespace and key path, pseudo-localised as the third language has it. */
const third = (namespace: string, key: string, values?: Record<string, string>) => {
  const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], english[namespace]);
  return fill(pseudoText(String(text)), values);
};
/** React escapes these in text; the pseudo texts keep quotes and apostrophes of English. */
const html = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

async function signIn(server: RunningServer): Promise<string> {
  const login = await fetch(`${server.url}/organiser/login`, {
    method: "POST",
    body: new URLSearchParams(organiser),
    redirect: "manual",
  });
  expect(login.status).toBe(302);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const post = (server: RunningServer, pathname: string, fields: Record<string, string>, cookie: string) =>
  fetch(`${server.url}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie },
    redirect: "manual",
  });

/** A request with a method no browser sends, answered by server.mjs itself; resolves with the whole answer. */
function trace(server: RunningServer, acceptLanguage: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(
        `TRACE /q/pre-regm HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ${acceptLanguage}\r\nConnection: close\r\n\r\n`,
      ),
    );
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

beforeAll(async () => {
  localesDir = path.join(tempDir("consulta-third-"), "locales");
  fs.cpSync(path.resolve("locales"), localesDir, { recursive: true, filter: (source) => !source.endsWith(".md") });
  english = loadResources(path.resolve("locales"))[fallbackLanguage]!;
  fs.mkdirSync(path.join(localesDir, THIRD));
  for (const [namespace, tree] of Object.entries(pseudoLocale(english))) {
    fs.writeFileSync(path.join(localesDir, THIRD, `${namespace}.json`), formatLocaleFile(tree));
  }
  const databasePath = await filledDatabase(getQuestionnaire("pre-regm")!, 12);
  await createAccount(databasePath, organiser.email, "organiser", organiser.password);
  enabled = await startServer({ LOCALES_DIR: localesDir, LANGUAGES: `en,es,${THIRD}` }, { databasePath });
  present = await startServer({ LOCALES_DIR: localesDir });
  await createAccount(present.databasePath, organiser.email, "organiser", organiser.password);
});
afterAll(async () => {
  await enabled?.stop();
  await present?.stop();
});

describe("a third language, once enabled by LANGUAGES", () => {
  it("is offered to respondents, whose pages are wholly in it", async () => {
    const start = await (await fetch(`${enabled.url}/q/pre-regm?lng=${THIRD}`)).text();
    expect(start).toMatch(new RegExp(`<html lang="${THIRD}"`));
    expect(start, "start.agreeAndStart").toContain(html(third("common", "start.agreeAndStart")));
    // Consent first, as a respondent gives it; the cookie then holds the new response.
    const consented = await post(
      enabled,
      `/q/pre-regm?index&lng=${THIRD}`,
      { __shown: "consent", consent: "on", _action: "next", [HONEYPOT_FIELD]: "" },
      "",
    );
    expect(consented.status, await consented.clone().text()).toBe(302);
    const jar = consented.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await (await fetch(`${enabled.url}/q/pre-regm/s/about?lng=${THIRD}`, { headers: { Cookie: jar } })).text();
    expect(page).toMatch(new RegExp(`<html lang="${THIRD}"`));
    expect(page).toMatch(new RegExp(`<option[^>]*value="${THIRD}"`));
    for (const [namespace, key] of [
      ["pre-regm", "sections.about.title"],
      ["pre-regm", "questions.org_type.label"],
      ["pre-regm", "lists.org_type.4"],
      ["common", "form.next"],
    ] as const) {
      expect(page, key).toContain(html(third(namespace, key)));
    }
    expect(page).not.toContain(html(english["pre-regm"]!["questions" as never]["org_type"]["label"]));
    // Chosen once, it is kept: the next page without ?lng= is in it too.
    const chosen = await fetch(`${enabled.url}/q/pre-regm/s/about?lng=${THIRD}`, { headers: { Cookie: jar } });
    const cookie = [jar, ...chosen.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
    expect(await (await fetch(`${enabled.url}/q/pre-regm/s/about`, { headers: { Cookie: cookie } })).text()).toMatch(
      new RegExp(`<html lang="${THIRD}"`),
    );
  });

  it("words the server's own refusals, negotiated from Accept-Language as for pages", async () => {
    const answer = await trace(enabled, `${THIRD}, en;q=0.5`);
    expect(answer).toMatch(/^HTTP\/1\.1 405/);
    expect(answer).toContain(third("common", "errors.methodNotAllowed"));
    expect(answer).toMatch(new RegExp(`\\r\\nContent-Language: ${THIRD}\\r\\n`, "i"));
  });

  it("can be an invitee's language, and the invitation is written in it", async () => {
    const cookie = await signIn(enabled);
    const add = await post(
      enabled,
      "/organiser/invitations",
      { q: "pre-regm", intent: "add", name: "Rosa", email: "rosa@example.org", organisation: "Hoteles", language: THIRD },
      cookie,
    );
    expect(add.status).toBeLessThan(400);
    const preview = await (await post(enabled, "/organiser/invitations", { q: "pre-regm", intent: "preview" }, cookie)).text();
    const title = third("pre-regm", "title");
    expect(preview).toContain(html(third("common", "mail.invitationSubject", { title })));
    expect(preview).toContain(html(third("common", "mail.greeting", { name: "Rosa" })));
    expect(preview).toContain(html(third("common", "mail.organisationLine", { organisation: "Hoteles" })));
    expect(preview).not.toContain("Dear Rosa");
  });

  it("labels the codebook, the labelled file and the README of the export", async () => {
    const cookie = await signIn(enabled);
    const response = await post(enabled, "/organiser/export/file", { q: "pre-regm", format: "zip", labels: THIRD }, cookie);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const named = (suffix: string) =>
      strFromU8(files[Object.keys(files).find((n) => n.endsWith(suffix))!]!).replace(/^\uFEFF/, "");

    const codebook = Papa.parse<Record<string, string>>(named("-codebook.csv"), { header: true, skipEmptyLines: true }).data;
    const orgType = codebook.find((row) => row.variable === "org_type")!;
    expect(orgType[`label_${THIRD}`]).toContain(third("pre-regm", "questions.org_type.label"));
    expect(orgType[`values_${THIRD}`]).toContain(third("pre-regm", "lists.org_type.4"));

    const labelled = Papa.parse<Record<string, string>>(named(`-labelled-${THIRD}.csv`), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(labelled.length).toBeGreaterThan(0);
    // Every cell of a single-choice question is a label (or a missing code's name) in the third language.
    for (const row of labelled) expect(row.org_type, row.response_id).toMatch(/^⟦.*⟧$/);

    expect(named("README.txt")).toContain(third("organiser", "exportReadme.conventions"));
  });

  it("has its own paper version", () => {
    const documents = paperVersions(["en", "es", THIRD], localesDir);
    const paper = documents.get(THIRD)!;
    expect(paper).toContain(`# ${third("pre-regm", "title")}`);
    expect(paper).toContain(`## ${third("organiser", "paper.introduction")}`);
    expect(paper).toContain(third("pre-regm", "questions.org_type.label"));
    expect(paper).not.toContain("Asked only if");
    expect(documents.get("en")).toContain(`(questionnaire.${THIRD}.md)`);
  });
});

describe("the same folder, not enabled", () => {
  it("is never offered to respondents: not by ?lng=, not by Accept-Language", async () => {
    const page = await (
      await fetch(`${present.url}/q/pre-regm/s/about?lng=${THIRD}`, { headers: { "Accept-Language": THIRD } })
    ).text();
    expect(page).toMatch(/<html lang="en"/);
    expect(page).not.toMatch(new RegExp(`<option[^>]*value="${THIRD}"`));
    expect(page).not.toContain("⟦");
    const answer = await trace(present, THIRD);
    expect(answer).toContain(english.common!["errors" as never]["methodNotAllowed"]);
  });

  it("is refused as an invitee's language and as the labels of an export", async () => {
    const cookie = await signIn(present);
    const add = await post(
      present,
      "/organiser/invitations",
      { q: "pre-regm", intent: "add", name: "Rosa", email: "rosa@example.org", organisation: "", language: THIRD },
      cookie,
    );
    expect(add.status).toBe(400);
    const form = await (await fetch(`${present.url}/organiser/invitations?q=pre-regm`, { headers: { Cookie: cookie } })).text();
    expect(form).not.toMatch(new RegExp(`<option[^>]*value="${THIRD}"`));
    const exported = await post(present, "/organiser/export/file", { q: "pre-regm", format: "zip", labels: THIRD }, cookie);
    expect(exported.status).toBe(400);
  });

  it("has no paper version", () => {
    const documents = paperVersions(["en", "es"], localesDir);
    expect([...documents.keys()]).toEqual(["en", "es"]);
    expect(documents.get("en")).not.toContain(`questionnaire.${THIRD}.md`);
  });
});
