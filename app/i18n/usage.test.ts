import { describe, expect, it } from "vitest";
import type { Questionnaire } from "~/engine/definition";
import { definitionUsage, scanSource } from "./usage";

const keysOf = (source: string, file = "app/x.tsx") =>
  scanSource(file, source).keys.map((k) => `${k.how}:${k.namespace}:${k.key}${k.weak ? ":weak" : ""}${k.guessed ? "?" : ""}`);

describe("scanSource", () => {
  it("finds literal keys in t(), ctx.t() and fixedT(language)()", () => {
    const source = `
      const { t } = useTranslation("common");
      t("form.next");
      ctx.t("errors.required", { n: 1 });
      fixedT(language)("errors.notFound");
      i18n.getFixedT("es")("thanks.title");
    `;
    expect(keysOf(source)).toEqual([
      "call:common:form.next",
      "call:common:errors.required?", // ctx.t: the code does not say which namespace
      "call:common:errors.notFound",
      "call:common:thanks.title",
    ]);
  });

  it("reads the namespace prefix, and guesses the default namespace for a t it cannot trace", () => {
    expect(keysOf(`t("demo:title"); t("common:form.back"); t("plain.key")`)).toEqual([
      "call:demo:title",
      "call:common:form.back",
      "call:common:plain.key?",
    ]);
  });

  it("takes the namespace of the t that translates: useTranslation, fixedT, getFixedT, { ns }", () => {
    const source = `
      export async function loader() {
        const t = fixedT(await languageOf(request), "organiser");
        t("users.title");
        fixedT(language)("errors.notFound");
        fixedT(language, "organiser")("nav.label");
      }
      export function Page() {
        const { t, i18n } = useTranslation("organiser");
        if (x) {
          return t("audit.title") + t(\`status.\${s}\`) + t("common:language.label");
        }
        return t("form.next", { ns: "demo" });
      }
      function Other() {
        const { t } = useTranslation(["organiser", "common"]);
        return t("nav.logout");
      }
      function Questions({ questionnaire }) {
        const { t } = useTranslation(questionnaire.id);
        return t("review.title");
      }
      const helper = (t) => t("errors.required");
      function Server() {
        const t = i18n.getFixedT("es", "organiser");
        return t("login.title");
      }
    `;
    expect(keysOf(source)).toEqual([
      "call:organiser:users.title",
      "call:common:errors.notFound",
      "call:organiser:nav.label",
      "call:organiser:audit.title",
      "call:common:language.label",
      "call:demo:form.next",
      "call:organiser:nav.logout",
      "call:common:review.title?", // a computed namespace
      "call:common:errors.required?", // a parameter
      "call:organiser:login.title",
    ]);
    expect(scanSource("a.tsx", source).prefixes.map((p) => `${p.namespace}:${p.prefix}`)).toEqual(["organiser:status."]);
  });

  it("says where each key is used", () => {
    const usage = scanSource("app/routes/a.tsx", `\n\nt("form.next")`);
    expect(usage.keys[0]!.where).toBe("app/routes/a.tsx:3");
  });

  it("takes the static start of a template literal as a prefix, and ignores a template with none", () => {
    const usage = scanSource(
      "app/x.tsx",
      "const { t } = useTranslation(); t(`language.names.${l}`); t(`common:${notice}`); t(`${ns}:x`)",
    );
    expect(usage.prefixes.map((p) => `${p.namespace}:${p.prefix}`)).toEqual(["common:language.names."]);
    expect(usage.keys).toEqual([]);
  });

  it("follows conditional and ?? branches, but not a condition's operands", () => {
    const usage = keysOf(
      `const t = fixedT(l); t(reason === "resume.codeUnknown" ? "resume.linkUnknown" : reason); t(x ?? "form.next")`,
    );
    expect(usage).toContain("call:common:resume.linkUnknown");
    expect(usage).toContain("call:common:form.next");
    expect(usage).toContain("mention:*:resume.codeUnknown");
    expect(usage).not.toContain("call:common:resume.codeUnknown");
  });

  it("ignores computed keys (wordingKey) and variables", () => {
    expect(keysOf(`t(wordingKey.label(q.id)); t(reason); t(key, { count })`)).toEqual([]);
  });

  it("records key-like strings elsewhere as mentions, weak in a file that translates nothing", () => {
    expect(keysOf(`t("form.next"); return { notice: "form.moreQuestions" }`)).toContain("mention:*:form.moreQuestions");
    expect(keysOf(`t("form.next"); const k = "organiser:nav.label"`)).toContain("mention:organiser:nav.label");
    expect(keysOf(`db.selectFrom("users").select(["users.id", "users.email"])`, "app/models/user.server.ts")).toEqual([
      "mention:*:users.id:weak",
      "mention:*:users.email:weak",
    ]);
    // Not key-shaped: no dot, spaces, paths, imports.
    expect(
      keysOf(`import x from "./a.b"; t("form.next"); const a = "hello"; const b = "two words.here"; const c = "/q/a.csv"`),
    ).toEqual(["call:common:form.next?"]);
  });

  it("takes query columns and audit actions for data, even in a file that translates (never warned about)", () => {
    const source = `
      t("form.next");
      await logAudit(db, { actor: user, action: "login.throttled" });
      db.selectFrom("responses").where("responses.id", ">", after).orderBy("responses.id");
      return page(form, 200, { notice: "form.moreQuestions" });
    `;
    expect(keysOf(source)).toEqual([
      "call:common:form.next?",
      "mention:*:login.throttled:weak",
      "mention:*:responses.id:weak",
      "mention:*:responses.id:weak",
      "mention:*:form.moreQuestions",
    ]);
  });

  it("reads <Trans i18nKey>", () => {
    expect(keysOf(`<Trans i18nKey="common:thanks.body" />`)).toEqual(["call:common:thanks.body"]);
    expect(keysOf(`<Trans i18nKey="thanks.body" />`)).toEqual(["call:common:thanks.body?"]);
  });
});

describe("definitionUsage", () => {
  it("gives the questionnaire's wording keys in its namespace", () => {
    const questionnaire = {
      id: "mini",
      version: 1,
      languages: ["en"],
      lists: { yn: [{ code: 1 }, { code: 2 }] },
      sections: [{ id: "a", questions: [{ id: "b", type: "single", list: "yn", hint: true }] }],
    } as unknown as Questionnaire;
    const usage = definitionUsage(questionnaire, "app/questionnaires/mini.ts");
    expect(usage.keys.map((k) => `${k.namespace}:${k.key}`)).toEqual([
      "mini:title",
      "mini:intro",
      "mini:lists.yn.1",
      "mini:lists.yn.2",
      "mini:sections.a.title",
      "mini:questions.b.label",
      "mini:questions.b.hint",
    ]);
    expect(usage.keys.every((k) => k.how === "definition" && k.where === "app/questionnaires/mini.ts")).toBe(true);
  });
});
