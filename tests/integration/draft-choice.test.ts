import { beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/accounts";
import { BASE, CookieJar, formPost, loadApp } from "../support/app";
import { query } from "../support/db";

let app: Awaited<ReturnType<typeof loadApp>>;
let admin: CookieJar;

beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
  admin = await signedIn(app, "admin@example.org", "admin");
});

const get = (path: string, jar: CookieJar, language = "en") =>
  app.handle(new Request(BASE + path, { headers: { Cookie: jar.header(), "Accept-Language": language } }));
const post = (path: string, fields: Record<string, string>, jar: CookieJar, language = "en") =>
  app.handle(formPost(path, fields, { Cookie: jar.header(), "Accept-Language": language }), app.nextAddress());

interface Draft {
  jar: CookieJar;
  link: string;
  code: string;
}

/** A respondent with a draft: answers the first page ("yes" or "no" to fruit) and saves it for later. */
async function draft(likesFruit: "1" | "2"): Promise<Draft> {
  const jar = new CookieJar();
  const fields = {
    __shown: likesFruit === "1" ? "likes_fruit,fruit,channels,size" : "likes_fruit,channels,size",
    likes_fruit: likesFruit,
    _action: "save",
  };
  expect(jar.take(await post("/q/demo/s/choices", likesFruit === "1" ? { ...fields, fruit: "2" } : fields, jar)).status).toBe(
    302,
  );
  const saved = await (await get("/q/demo/saved", jar)).text();
  const link = saved.match(/href="http:\/\/localhost(\/q\/demo\/resume\?token=[A-Za-z0-9_-]+)"/)![1]!;
  const code = saved.match(/([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/)![1]!;
  return { jar, link, code };
}

/** The resume code the questionnaire's pages show to this browser: which response it holds. */
async function heldCode(jar: CookieJar): Promise<string | undefined> {
  const page = await (await get("/q/demo/s/choices", jar)).text();
  return page.match(/class="saved-note">[^<]*?([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/)?.[1];
}

const responseCookieSet = (response: Response) => response.headers.getSetCookie().some((c) => c.startsWith("consulta_response="));

/** The choice page's form fields for one of its buttons. */
function choose(html: string, choice: "browser" | "link"): { action: string; fields: Record<string, string> } {
  const action = html.match(/<form method="post" action="([^"]+)"[^>]*>(?:(?!<\/form>)[\s\S])*name="choice"/)![1]!;
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  expect(html).toContain(`name="choice" value="${choice}"`);
  return { action: action.replace(/&amp;/g, "&"), fields: { ...hidden, reference_code: "", choice } };
}

describe("a link to other answers than those this browser holds", () => {
  it("asks which to continue, changing nothing until asked; keeping this browser's answers keeps them", async () => {
    const mine = await draft("2");
    const theirs = await draft("1");
    const asked = await get(theirs.link, mine.jar);
    expect(asked.status).toBe(200);
    expect(responseCookieSet(asked)).toBe(false);
    const html = await asked.text();
    expect(html).toContain("<h1>Which answers do you want to continue?</h1>");
    expect(html).toContain("The answers in this browser");
    expect(html).toContain(`Their resume code is ${mine.code}`);
    expect(html).toMatch(/Last saved [^<]+ \(UTC\); 1 question answered\./);
    expect(html).toMatch(/Last saved [^<]+ \(UTC\); 2 questions answered\./);
    expect(await heldCode(mine.jar)).toBe(mine.code);

    const { action, fields } = choose(html, "browser");
    const kept = mine.jar.take(await post(action, fields, mine.jar));
    expect(kept.status).toBe(302);
    expect(kept.headers.get("Location")).toBe("/q/demo");
    expect(responseCookieSet(kept)).toBe(false);
    expect(await heldCode(mine.jar)).toBe(mine.code);
  });

  it("continues the link's answers when chosen, by link or by resume code, in the respondent's language", async () => {
    const mine = await draft("2");
    const theirs = await draft("1");
    const asked = await post("/q/demo/resume", { code: theirs.code.toLowerCase() }, mine.jar, "es");
    expect(asked.status).toBe(200);
    expect(responseCookieSet(asked)).toBe(false);
    const html = await asked.text();
    expect(html).toContain("¿Qué respuestas desea continuar?");
    expect(html).toContain(`Su código para continuar es ${mine.code}`);

    const { action, fields } = choose(html, "link");
    const taken = mine.jar.take(await post(action, fields, mine.jar, "es"));
    expect(taken.status).toBe(302);
    expect(await heldCode(mine.jar)).toBe(theirs.code);
  });

  it("asks before an invitation link starts a new response in a browser that holds a draft", async () => {
    await post(
      "/organiser/invitations",
      { q: "demo", intent: "add", name: "Rosa", email: "rosa@example.org", organisation: "Hotel", language: "es" },
      admin,
    );
    const list = await (await get("/organiser/invitations?q=demo", admin)).text();
    const invitation = list.match(/value="http:\/\/localhost(\/i\?t=[A-Za-z0-9_-]+)"/)![1]!;

    const keeper = await draft("2");
    const asked = await get(invitation, keeper.jar);
    expect(asked.status).toBe(200);
    expect(asked.headers.getSetCookie()).toEqual([]);
    const html = await asked.text();
    expect(html).toContain("A new start for your invitation: nothing answered yet.");
    const keep = choose(html, "browser");
    expect(keeper.jar.take(await post(keep.action, keep.fields, keeper.jar)).status).toBe(302);
    expect(await heldCode(keeper.jar)).toBe(keeper.code);

    const switcher = await draft("2");
    const start = choose(await (await get(invitation, switcher.jar)).text(), "link");
    const started = switcher.jar.take(await post(start.action, start.fields, switcher.jar));
    expect(started.headers.get("Location")).toBe("/q/demo?lng=es");
    expect(await heldCode(switcher.jar)).toBeUndefined();
    expect(
      switcher.jar.take(
        await post(
          "/q/demo/s/choices",
          { __shown: "likes_fruit,channels,size", likes_fruit: "2", _action: "save" },
          switcher.jar,
        ),
      ).status,
    ).toBe(302);
    expect(query(app.databasePath, "select count(*) as n from responses where invitation_id is not null")).toEqual([{ n: 1 }]);
    const invited = await heldCode(switcher.jar);
    expect(invited).not.toBe(switcher.code);

    // Now the invitation has a response: a browser holding another draft is asked about it, with its facts.
    const other = await draft("1");
    const again = await (await get(invitation, other.jar)).text();
    expect(again).toMatch(/The answers from the link<\/h2><p>Last saved [^<]+ \(UTC\); 1 question answered\./);
    const take = choose(again, "link");
    other.jar.take(await post(take.action, take.fields, other.jar));
    expect(await heldCode(other.jar)).toBe(invited);
  });

  it("asks nothing when this browser holds no draft, or holds the very response the link opens", async () => {
    const theirs = await draft("1");
    const fresh = new CookieJar();
    const opened = fresh.take(await get(theirs.link, fresh));
    expect(opened.status).toBe(302);
    expect(await heldCode(fresh)).toBe(theirs.code);

    const same = await get(theirs.link, theirs.jar);
    expect(same.status).toBe(302);
    const byCode = await post("/q/demo/resume", { code: theirs.code }, theirs.jar);
    expect(byCode.status).toBe(302);
  });
});
