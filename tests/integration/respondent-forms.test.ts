import { beforeAll, describe, expect, it } from "vitest";
import { BASE, formPost, loadApp } from "../support/app";
import { latestAnswers } from "../support/db";

// Findable errors and nothing lost, through the built app (issue #17): the error summary, the
// "Add" intent, the language switch as a submit, the confirmation before answers are deleted and
// the way back from the review page through sections that a change opened.
let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp();
});

const ABOUT_SHOWN = "org_type,country,scope,role,years,areas";
const ABOUT = { __shown: ABOUT_SHOWN, org_type: "1", country: "MX", scope: "2", years: "3", _action: "next" };
const TECH_ROWS = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`chal_te.r${i + 1}`, "2"]));

/** A respondent's browser, consent given on the start page: keeps the response cookie and the language cookie. */
async function respondent() {
  let cookie = "";
  const send = async (request: Request) => {
    if (cookie) request.headers.set("Cookie", cookie);
    const response = await app.handle(request);
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const name = pair!.split("=")[0]!;
      const kept = cookie
        .split("; ")
        .filter((c) => c && !c.startsWith(`${name}=`))
        .concat(/max-age=0/i.test(header) ? [] : [pair!]);
      cookie = kept.join("; ");
    }
    return response;
  };
  const consent = await send(formPost("/q/pre-regm?index", { __shown: "consent", consent: "on", _action: "next" }));
  expect(consent.status, "the start page's consent").toBe(302);
  return {
    post: (path: string, fields: Record<string, string> | FormData) => send(formPost(path, fields)),
    get: (path: string) => send(new Request(BASE + path)),
  };
}

/** The `_saved` fingerprint a section page carries, as a browser would send it back. */
async function fingerprintOf(page: Response): Promise<string> {
  return /name="_saved" value="([^"]*)"/.exec(await page.text())![1]!;
}

describe("the error summary after a server response", () => {
  it("counts the errors, links each to a focusable field on the page, takes focus and prefixes the title", async () => {
    const you = await respondent();
    const response = await you.post("/q/pre-regm/s/about?lng=es", { __shown: ABOUT_SHOWN, country: "MX", _action: "next" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    const summary = /<div[^>]*class="summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
    expect(summary, "an error summary").not.toBeNull();
    expect(summary![0]).toContain("autofocus");
    expect(summary![0]).toContain('tabindex="-1"');
    expect(summary![1]).toContain("Hay 4 problemas");
    const links = [...summary![1]!.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(4);
    for (const id of links) expect(html, `a field with id ${id}`).toMatch(new RegExp(`<(input|select|textarea)[^>]* id="${id}"`));
    expect(summary![1]).toContain("¿En qué tipo de organización trabaja usted?");
  });

  it("links a grid's empty rows one by one, each to its row's first radio", async () => {
    const you = await respondent();
    await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "3" });
    const response = await you.post("/q/pre-regm/s/ch_tech", {
      __shown: "chal_te,chal_te_main",
      "chal_te.r1": "1",
      _action: "next",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    const links = [...html.matchAll(/href="#(section-ch_tech-chal_te\.r\d+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(9);
    expect(html).toContain('id="section-ch_tech-chal_te.r2"');
    // One radio group per row: a fieldset whose legend is the row.
    expect(html.match(/<fieldset class="matrix-row"/g)).toHaveLength(10);
  });
});

describe('"None of these"', () => {
  it("is still refused with other options by the server, whatever the page's script did", async () => {
    const body = new FormData();
    for (const [name, value] of Object.entries(ABOUT)) body.append(name, value);
    body.append("areas", "1");
    body.append("areas", "97");
    const response = await (await respondent()).post("/q/pre-regm/s/about", body);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#section-about-areas"');
  });
});

describe('"Add another example"', () => {
  it("shows the page again without an error alert and puts focus on the new item", async () => {
    const form = {
      __shown: "ppp_ex,practice",
      __intent__: JSON.stringify({ type: "insert", payload: { name: "ppp_ex" } }),
    };
    const you = await respondent();
    await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "97" });
    const first = await you.post("/q/pre-regm/s/practices", form);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).not.toContain('class="summary"');
    expect(html).not.toContain('role="alert"');
    expect(html).not.toMatch(/<title>Error/);
    expect(html).toMatch(/<fieldset class="item"[^>]*autofocus=""/);
  });
});

describe("the review page refusing an incomplete submission", () => {
  it("prefixes the title, takes focus and links to each section still incomplete", async () => {
    const you = await respondent();
    await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "3" });
    const refused = await you.post("/q/pre-regm/review", {});
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toMatch(/<div class="summary" role="alert" tabindex="-1" autofocus="">/);
    expect(html).toContain('href="/q/pre-regm/s/ch_tech?from=review"');
    expect(html).toContain('href="/q/pre-regm/s/follow_up?from=review"');
  });
});

describe("the language switch on a questionnaire page", () => {
  it("is a submit of the section's form: the entries are saved and the page comes back in the other language", async () => {
    const you = await respondent();
    const page = await you.get("/q/pre-regm/s/about?lng=en");
    const html = await page.text();
    // The switch's controls belong to the section's form.
    expect(html).toMatch(/<select[^>]*form="section-about"[^>]*name="lng"|<select[^>]*name="lng"[^>]*form="section-about"/);
    const switched = await you.post("/q/pre-regm/s/about", {
      __shown: ABOUT_SHOWN,
      role: "Analyst",
      country: "MX",
      lng: "es",
      _action: "language",
    });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe("/q/pre-regm/s/about?lng=es");
    const again = await (await you.get("/q/pre-regm/s/about?lng=es")).text();
    expect(again).toContain('<html lang="es"');
    expect(again).toContain('value="Analyst"');
    expect(latestAnswers(app.databasePath).role).toMatchObject({ state: "answered", value: "Analyst" });
  });
});

describe("a change that would delete earlier answers", () => {
  it("asks first, listing what would go, deletes only once confirmed, and editing from review opens a section shown again", async () => {
    const you = await respondent();
    await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "3" });
    await you.post("/q/pre-regm/s/ch_tech", {
      __shown: "chal_te,chal_te_main",
      ...TECH_ROWS,
      chal_te_main: "Trust",
      _action: "next",
    });
    // Every page once, as a respondent who reaches the review page has done.
    for (const [id, shown] of [
      ["practices", "ppp_ex,practice"],
      ["lessons", "lessons,recs,enablers"],
      ["roles", "io_role,cs_role,hub"],
    ]) {
      expect((await you.post(`/q/pre-regm/s/${id}`, { __shown: shown!, _action: "next" })).status).toBe(302);
    }
    const toReview = await you.post("/q/pre-regm/s/follow_up", {
      __shown: "consent,cite,meetings,email",
      consent: "on",
      cite: "3",
      _action: "next",
    });
    expect(toReview.headers.get("Location")).toBe("/q/pre-regm/review");
    expect(latestAnswers(app.databasePath).chal_te?.state).toBe("answered");

    const saved = await fingerprintOf(await you.get("/q/pre-regm/s/about?from=review"));
    const change = { ...ABOUT, areas: "97", _saved: saved, _return: "review" };
    const asked = await you.post("/q/pre-regm/s/about", change);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('class="confirm-delete"');
    expect(html).toContain("Challenges in the technology sector");
    const confirm = /name="_confirm" value="([^"]+)"/.exec(html)![1]!;
    expect(latestAnswers(app.databasePath).chal_te?.state, "nothing deleted before the confirmation").toBe("answered");

    const confirmed = await you.post("/q/pre-regm/s/about", { ...change, _confirm: confirm });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/q/pre-regm/review");
    expect(latestAnswers(app.databasePath).chal_te?.state).toBe("not_shown");

    // A language switch that would delete answers asks first too, and switches once confirmed.
    const here = await fingerprintOf(await you.get("/q/pre-regm/s/about"));
    const switching = { ...ABOUT, areas: "97", _saved: here, lng: "es", _action: "language" };
    await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "3", _saved: here, _action: "save" });
    const again = await fingerprintOf(await you.get("/q/pre-regm/s/about"));
    await you.post("/q/pre-regm/s/ch_tech", {
      __shown: "chal_te,chal_te_main",
      ...TECH_ROWS,
      _saved: await fingerprintOf(await you.get("/q/pre-regm/s/ch_tech")),
      _action: "save",
    });
    const askedToSwitch = await (await you.post("/q/pre-regm/s/about", { ...switching, _saved: again })).text();
    const switchConfirm = /name="_confirm" value="([^"]+)"/.exec(askedToSwitch)![1]!;
    expect(askedToSwitch).toContain('name="_confirm_lng" value="es"');
    // The header's select still shows the page's language: the confirmation's own field decides.
    const switched = await you.post("/q/pre-regm/s/about", {
      ...switching,
      _saved: again,
      lng: "en",
      _confirm: switchConfirm,
      _confirm_lng: "es",
    });
    expect(switched.headers.get("Location")).toBe("/q/pre-regm/s/about?lng=es");
    expect(latestAnswers(app.databasePath).chal_te?.state).toBe("not_shown");

    // Ticking the sector again from the review page opens its (now empty) section before the review.
    const back = await fingerprintOf(await you.get("/q/pre-regm/s/about?from=review"));
    const reticked = await you.post("/q/pre-regm/s/about", { ...ABOUT, areas: "3", _saved: back, _return: "review" });
    expect(reticked.status).toBe(302);
    expect(reticked.headers.get("Location")).toBe("/q/pre-regm/s/ch_tech?from=review");
  });
});
