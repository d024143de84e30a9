import { beforeAll, describe, expect, it } from "vitest";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { signedIn } from "../support/accounts";
import { CookieJar, loadApp, pages } from "../support/app";
import { giveConsent } from "../support/consent";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;
let get: ReturnType<typeof pages>["get"];
let post: ReturnType<typeof pages>["post"];

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  ({ get, post } = pages(app));
  admin = await signedIn(app, "admin@example.org", "admin");
});

const decode = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

/** The figure whose chart id is `id`, as HTML. */
function figure(html: string, id: string): string {
  const start = html.lastIndexOf("<figure", html.indexOf(`id="${id}-caption"`));
  expect(start, `figure ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</figure>", start) + 9);
}

/** A figure's data table: each row's cells as text, header row first. */
function tableOf(figureHtml: string): string[][] {
  const table = figureHtml.slice(figureHtml.indexOf("<table"), figureHtml.indexOf("</table>"));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => decode(c[1]!)),
  );
}

/** The facts list labelled `label`: term -> value. */
function facts(html: string, label: string): Record<string, string> {
  const start = html.indexOf(`<dl class="facts" aria-label="${label}">`);
  expect(start, label).toBeGreaterThanOrEqual(0);
  const list = html.slice(start, html.indexOf("</dl>", start));
  return Object.fromEntries([...list.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => [decode(m[1]!), decode(m[2]!)]));
}

const invitedFacts = (invited: number, started: number, submitted: number, declined: number, rate: string) => ({
  Invited: String(invited),
  Started: String(started),
  Submitted: String(submitted),
  Declined: String(declined),
  "Response rate": rate,
});

async function uploadInvitations(csv: string) {
  const form = new FormData();
  form.set("q", "demo");
  form.set("intent", "upload");
  form.set("file", new File([csv], "experts.csv", { type: "text/csv" }));
  const response = await post("/organiser/invitations", form, admin);
  expect(await response.text()).toContain("3 added, 0 refused.");
}

/** The personal link of an invitee, as the invitation list shows it. */
async function linkOf(email: string): Promise<string> {
  const page = await (await get("/organiser/invitations?q=demo", admin)).text();
  const row = page.split("<tr").find((r) => r.includes(email))!;
  return row.match(/value="http:\/\/localhost(\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;
}

/** Answers every section of the demonstration questionnaire and submits. */
async function answerAndSubmit(expert: CookieJar) {
  const sections: Array<[string, Record<string, string>]> = [
    ["choices", { __shown: "likes_fruit,fruit,channels,size", likes_fruit: "1", fruit: "3", channels: "1", size: "2" }],
    ["facts", { __shown: "name,story,staff,share,started,contact,based_in", staff: "5", share: "40", based_in: "MX" }],
    [
      "opinions",
      {
        __shown: "aspects,enablers",
        "aspects.r1": "1",
        "aspects.r2": "2",
        "aspects.r3": "-77",
        "enablers[0]": "2",
        "enablers[1]": "1",
        "enablers[2]": "5",
      },
    ],
    ["examples", { __shown: "example,agree", agree: "on" }],
  ];
  for (const [section, fields] of sections) {
    const saved = expert.take(await post(`/q/demo/s/${section}`, { ...fields, _action: "next" }, expert));
    expect(saved.status, section).toBe(302);
  }
  expect((await post("/q/demo/review", {}, expert)).status).toBe(302);
}

const dashboard = async (q = "demo", headers: Record<string, string> = {}) => {
  const response = await get(`/organiser?q=${q}`, admin, headers);
  expect(response.status).toBe(200);
  return response.text();
};

describe("response rates on the dashboard", () => {
  it("separates invited from open-link responses and gives the rate by the invitations' country, region and sector", async () => {
    await uploadInvitations(
      "name,email,organisation,language,country,region,sector\r\n" +
        "Ana Ruiz,ana@example.org,Ministry,en,Mexico,Central America,Government\r\n" +
        "Ben Ortiz,ben@example.org,Red,en,Mexico,Central America,NGO\r\n" +
        "Cy Diaz,cy@example.org,Bank,en,Guatemala,Central America,\r\n",
    );
    const before = await dashboard();
    expect(facts(before, "Invited experts")).toEqual(invitedFacts(3, 0, 0, 0, "0%"));
    expect(tableOf(figure(before, "rate-country")).slice(1)).toEqual([
      ["Mexico", "2", "0", "0", "0", "0%"],
      ["Guatemala", "1", "0", "0", "0", "0%"],
    ]);

    // Ana answers through her link and submits, Ben starts, Cy declines, someone answers the open link.
    const ana = new CookieJar();
    ana.take(await get(await linkOf("ana@example.org")));
    await answerAndSubmit(ana);
    const ben = new CookieJar();
    ben.take(await get(await linkOf("ben@example.org")));
    const started = await post(
      "/q/demo/s/choices",
      { __shown: "likes_fruit,channels,size", likes_fruit: "2", _action: "save" },
      ben,
    );
    expect(started.status).toBe(302);
    const token = new URLSearchParams((await linkOf("cy@example.org")).split("?")[1]).get("t")!;
    expect((await post("/i/decline", { t: token, [HONEYPOT_FIELD]: "" })).status).toBe(200);
    await answerAndSubmit(new CookieJar());

    const after = await dashboard();
    expect(facts(after, "Invited experts")).toEqual(invitedFacts(3, 2, 1, 1, "33%"));
    expect(facts(after, "Responses through the open link")).toEqual({ Started: "1", Submitted: "1" });
    const byCountry = figure(after, "rate-country");
    expect(byCountry).toContain("Invitations by country");
    expect(tableOf(byCountry)).toEqual([
      ["Country", "Invited", "Started", "Submitted", "Declined", "Response rate"],
      ["Mexico", "2", "2", "1", "0", "50%"],
      ["Guatemala", "1", "0", "0", "1", "0%"],
    ]);
    expect(tableOf(figure(after, "rate-region")).slice(1)).toEqual([["Central America", "3", "2", "1", "1", "33%"]]);
    expect(tableOf(figure(after, "rate-sector")).slice(1)).toEqual([
      ["Government", "1", "1", "1", "0", "100%"],
      ["NGO", "1", "1", "0", "0", "0%"],
      ["Not given", "1", "0", "0", "1", "0%"],
    ]);
    // The outcomes are told apart in the legend, and the rate is written beside each bar.
    expect(decode(byCountry)).toContain("Started, not submitted");
    expect(byCountry).toMatch(/<text[^>]*>50%<\/text>/);
  });

  it("breaks open-link responses down by the respondents' own answers to the questions the questionnaire filters by", async () => {
    const expert = await giveConsent((request) => app.handle(request, app.nextAddress()));
    const saved = await post(
      "/q/pre-regm/s/about",
      {
        __shown: "org_type,industry,country,scope,role,years,areas",
        org_type: "6",
        country: "GT",
        scope: "2",
        years: "3",
        areas: "1",
        _action: "save",
      },
      expert,
    );
    expect(saved.status).toBe(302);
    const html = await dashboard("pre-regm");
    expect(facts(html, "Responses through the open link")).toEqual({ Started: "1", Submitted: "0" });
    const byType = figure(html, "open-org_type");
    expect(decode(byType)).toContain("Open-link responses by their answer to “Which type of organisation do you work for?”");
    expect(tableOf(byType)).toContainEqual(["Non-governmental or civil society organisation", "0", "1", "1"]);
    expect(tableOf(byType)).toContainEqual(["Government ministry or agency", "0", "0", "0"]);
    // A long list shows only what was given.
    expect(tableOf(figure(html, "open-country")).slice(1)).toEqual([["Guatemala", "0", "1", "1"]]);
    expect(html).toContain('id="open-areas-caption"');
  });

  it("speaks the organiser's language", async () => {
    const html = await dashboard("demo", { "Accept-Language": "es" });
    expect(html).toContain("Tasas de respuesta");
    expect(facts(html, "Personas expertas invitadas")["Tasa de respuesta"]).toBe("33\u00a0%");
    expect(decode(figure(html, "q-enablers"))).toContain("Puesto 1");
  });
});

describe("a chart for every closed question", () => {
  it("draws each closed question of the submitted responses, its table folded away, and none for open answers", async () => {
    const html = await dashboard();
    const charted = [...html.matchAll(/id="q-([a-z_]+)-caption"/g)].map((m) => m[1]);
    expect(charted).toEqual([
      "likes_fruit",
      "fruit",
      "channels",
      "size",
      "staff",
      "share",
      "based_in",
      "aspects",
      "enablers",
      "example",
      "agree",
    ]);
    for (const id of charted) {
      const chart = figure(html, `q-${id}`);
      expect(chart).toMatch(new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="q-${id}-title q-${id}-desc"`));
      expect(chart).toMatch(/<details class="chart-data"><summary>Show the data as a table<\/summary>/);
      expect(chart).toContain("Answered in 2 of 2 submitted responses.");
    }
  });

  it("shows a choice as bars, the grid as a stacked bar per row, the ranking as rank counts and a number as a histogram", async () => {
    const html = await dashboard();
    expect(tableOf(figure(html, "q-likes_fruit")).slice(1)).toEqual([
      ["Yes", "2"],
      ["No", "0"],
    ]);
    expect(tableOf(figure(html, "q-channels"))).toContainEqual(["Friends", "2"]);
    expect(tableOf(figure(html, "q-based_in")).slice(1)).toEqual([["Mexico", "2"]]);
    expect(tableOf(figure(html, "q-aspects"))).toEqual([
      ["Answer", "Disagree", "Somewhat disagree", "Somewhat agree", "Agree", "Don't know", "Total"],
      ["Fruit is affordable", "2", "0", "0", "0", "0", "2"],
      ["Fruit is easy to find", "0", "2", "0", "0", "0", "2"],
      ["Fruit is healthy", "0", "0", "0", "0", "2", "2"],
    ]);
    const ranking = figure(html, "q-enablers");
    expect(tableOf(ranking)).toEqual([
      ["Answer", "Rank 1", "Rank 2", "Rank 3", "Total"],
      ["Funding", "0", "2", "0", "2"],
      ["Trust", "2", "0", "0", "2"],
      ["Training", "0", "0", "0", "0"],
      ["Technology", "0", "0", "0", "0"],
      ["Laws", "0", "0", "2", "2"],
    ]);
    // Segments are told apart by fill patterns, not colour.
    expect(ranking).toContain('<pattern id="q-enablers-fill-1"');
    expect(tableOf(figure(html, "q-staff")).slice(1)).toEqual([["5", "2"]]);
    expect(tableOf(figure(html, "q-example")).slice(1)).toEqual([["0", "2"]]);
    expect(tableOf(figure(html, "q-agree")).slice(1)).toEqual([["Given", "2"]]);
  });
});
