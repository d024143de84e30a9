import fc from "fast-check";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { query } from "../support/db";

/**
 * Malformed submissions to every public action: wrong types, huge strings, unknown and
 * duplicated fields, invalid codes, broken UTF-8, a missing or filled honeypot, odd content types,
 * and forms shaped to make a parser work: one name repeated thousands of times, names nested
 * thousands deep or indexed in the billions, Conform's reserved fields broken or sent as files.
 */
const sections = [
  "demo/s/choices",
  "demo/s/facts",
  "demo/s/opinions",
  "demo/s/examples",
  "pre-regm/s/about",
  "demo/s/nope",
  "nope/s/about",
];
const knownNames = [
  "likes_fruit",
  "fruit",
  "fruit__other",
  "channels",
  "channels__other",
  "size",
  "name",
  "story",
  "staff",
  "share",
  "started",
  "contact",
  "based_in",
  "aspects.r1",
  "aspects.r9",
  "enablers[0]",
  "enablers[5]",
  "example[0].title",
  "example[99].year",
  "agree",
  "org_type",
  "org_type__other",
  "country",
  "areas",
  "__shown",
  "_action",
  "_saved",
  "__intent__",
  "_return",
  "code",
  "email",
  "password",
  "__state__",
  HONEYPOT_FIELD,
];
const oddValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.constantFrom(
    "-1",
    "0",
    "96",
    "97",
    "-77",
    "99999",
    "1e3",
    "NaN",
    "Infinity",
    "0x1",
    " 1 ",
    "1,5",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    "MX",
    "ZZ",
    "2021-02-30",
    "9999-99-99",
    "a@b",
    "<script>alert(1)</script>",
    "=HYPERLINK()",
    "next",
    "back",
    "save",
  ),
  fc.constantFrom(
    '{"type":"insert","payload":{"name":"example"}}',
    '{"type":"remove","payload":{"name":"example","index":-1}}',
    '{"type":"insert","payload":{"name":"nope"}}',
    '{"type":"update"}',
    "{not json",
  ),
  fc.integer({ min: 1000, max: 60_000 }).map((n) => "é".repeat(n)),
);
const entries = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...knownNames), fc.string({ maxLength: 20 })), oddValue), {
  maxLength: 25,
});

const postPaths = [
  ...sections.map((s) => `/q/${s}`),
  "/q/demo/review",
  "/q/pre-regm/review",
  "/q/demo/resume",
  "/q/pre-regm/resume",
  "/organiser/login",
  // The Compendium's public pages: a citation permission, leaving the stakeholder directory.
  "/citation",
  "/directory/leave",
];

/** A name nested `depth` times, with dots, brackets or both. */
const deepName = fc
  .record({ depth: fc.integer({ min: 5, max: 6000 }), step: fc.constantFrom("[0]", ".a", "[]", "[0].b") })
  .map(({ depth, step }) => "example" + step.repeat(depth));
const hostileEntries: fc.Arbitrary<Array<[string, string]>> = fc.oneof(
  fc
    .record({ name: fc.constantFrom(...knownNames), times: fc.integer({ min: 500, max: 50_000 }) })
    .map(({ name, times }) => Array.from({ length: times }, (_, i): [string, string] => [name, String(i % 7)])),
  fc.integer({ min: 500, max: 30_000 }).map((n) => Array.from({ length: n }, (_, i): [string, string] => [`f${i}`, "x"])),
  deepName.map((name): Array<[string, string]> => [
    [name, "x"],
    ["_action", "save"],
  ]),
  fc.bigInt({ min: 1000n, max: 10n ** 15n }).map((n): Array<[string, string]> => [
    [`example[${n}].title`, "x"],
    [`enablers[${n}]`, "1"],
    ["_action", "save"],
  ]),
  fc
    .constantFrom("__proto__.x", "constructor.prototype.x", "a..b", "a[x]", "]", "a[-1]", "example[0].__proto__")
    .map((name): Array<[string, string]> => [[name, "x"]]),
  oddValue.map((state): Array<[string, string]> => [
    ["__state__", state],
    ["email", "a@b.org"],
    ["code", "ABCDE-FGHJK"],
  ]),
);

export type PublicCase =
  | {
      kind: "form";
      path: string;
      lng: string;
      entries: Array<[string, string]>;
      honeypot: "empty" | "missing" | "filled";
      encoding: "urlencoded" | "multipart";
    }
  | { kind: "raw"; path: string; body: Uint8Array; contentType: string | null }
  | {
      kind: "hostile";
      path: string;
      entries: Array<[string, string]>;
      reservedFile: "" | "__state__" | "__intent__";
      encoding: "urlencoded" | "multipart";
    }
  | { kind: "get"; path: string };

export const publicCase: fc.Arbitrary<PublicCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("form" as const),
      path: fc.oneof(
        fc.constantFrom(...sections).map((s) => `/q/${s}`),
        fc.constantFrom("/q/demo/review", "/q/pre-regm/review", "/q/demo/resume", "/q/pre-regm/resume"),
      ),
      lng: fc.constantFrom("", "es", "en", "xx", "../../etc"),
      entries,
      honeypot: fc.constantFrom("empty" as const, "missing" as const, "filled" as const),
      encoding: fc.constantFrom("urlencoded" as const, "multipart" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      path: fc.constantFrom(...sections.map((s) => `/q/${s}`), "/q/demo/review", "/q/demo/resume"),
      // Broken UTF-8 and percent-escapes that decode to nothing valid.
      body: fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc
          .constantFrom(
            "likes_fruit=%FF%FE&_action=next",
            "%E0%A4%A=1",
            "a=%C0%AF&reference_code=",
            "=&&&==",
            `${HONEYPOT_FIELD}=&story=%ED%A0%80`,
          )
          .map((s) => new TextEncoder().encode(s)),
      ),
      contentType: fc.constantFrom(
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json",
        "text/plain",
        null,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("hostile" as const),
      path: fc.constantFrom(...postPaths),
      entries: hostileEntries,
      reservedFile: fc.constantFrom("" as const, "__state__" as const, "__intent__" as const),
      encoding: fc.constantFrom("urlencoded" as const, "multipart" as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("get" as const),
      path: fc.oneof(
        fc.string({ maxLength: 80 }).map((t) => `/i?t=${encodeURIComponent(t)}`),
        fc.string({ maxLength: 80 }).map((t) => `/citation?t=${encodeURIComponent(t)}`),
        fc.string({ maxLength: 120 }).map((t) => `/directory/leave?t=${encodeURIComponent(t)}`),
        fc.string({ maxLength: 80 }).map((t) => `/q/demo/resume?token=${encodeURIComponent(t)}`),
        fc.string({ maxLength: 30 }).map((l) => `/q/demo/s/choices?lng=${encodeURIComponent(l)}`),
        fc.string({ maxLength: 30 }).map((p) => `/q/${encodeURIComponent(p)}`),
      ),
    }),
  },
);

export function toRequest(c: PublicCase): Request {
  const base = "http://localhost";
  if (c.kind === "get") return new Request(base + c.path);
  if (c.kind === "raw") {
    return new Request(base + c.path, {
      method: "POST",
      body: c.body as Uint8Array<ArrayBuffer>,
      headers: c.contentType ? { "Content-Type": c.contentType } : {},
    });
  }
  const url = c.kind === "form" ? base + c.path + (c.lng ? `?lng=${encodeURIComponent(c.lng)}` : "") : base + c.path;
  const fields: Array<[string, string]> = [...c.entries];
  if (c.kind === "hostile" || c.honeypot !== "missing")
    fields.push([HONEYPOT_FIELD, c.kind === "form" && c.honeypot === "filled" ? "http://spam.example" : ""]);
  if (c.encoding === "multipart") {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    if (c.kind === "hostile" && c.reservedFile)
      form.append(c.reservedFile, new Blob(["{}"], { type: "application/json" }), "state.json");
    return new Request(url, { method: "POST", body: form });
  }
  return new Request(url, { method: "POST", body: new URLSearchParams(fields) });
}

function counts(databasePath: string) {
  return JSON.stringify(
    query(databasePath, "select (select count(*) from responses) as responses, (select count(*) from answers) as answers"),
  );
}

/** Sends one case; returns a problem in words, or null when the app answered it properly. */
export async function checkCase(
  handle: (request: Request, address: string) => Promise<Response>,
  databasePath: string,
  address: string,
  c: PublicCase,
): Promise<string | null> {
  const before = counts(databasePath);
  const response = await handle(toRequest(c), address);
  const body = await response.text();
  if (response.status >= 500) return `${response.status} for ${JSON.stringify(c).slice(0, 300)}`;
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(body)) return `a stack trace reached the client for ${c.kind} ${c.path}`;
  if (response.status >= 400) {
    if (!body.trim()) return `an empty ${response.status} for ${c.kind} ${c.path}`;
    if (counts(databasePath) !== before) return `a ${response.status} stored data for ${JSON.stringify(c).slice(0, 300)}`;
  }
  return null;
}
