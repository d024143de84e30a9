import http from "node:http";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getQuestionnaire } from "../../app/questionnaires/registry.server";
import { createAccount } from "../support/accounts";
import { filledDatabase } from "../support/filled-database";
import { startServer, type RunningServer } from "../support/server";

// Enough responses that a zip export takes the worker a few seconds, and that its zip (about 6 MB)
// is well over what the sockets' buffers hold (about 2.5 MB here) for a client that reads nothing.
const RESPONSES = 8000;
const organiser = { email: "export@example.org", password: "correct horse battery" };

let server: RunningServer;
let session: string;

beforeAll(async () => {
  const databasePath = await filledDatabase(getQuestionnaire("pre-regm")!, RESPONSES);
  await createAccount(databasePath, organiser.email, "organiser", organiser.password);
  server = await startServer({}, { databasePath });
  const login = await fetch(`${server.url}/organiser/login`, {
    method: "POST",
    body: new URLSearchParams(organiser),
    redirect: "manual",
  });
  expect(login.status).toBe(302);
  session = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
});
afterAll(async () => {
  await server?.stop();
});

interface Download {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Resolves at the first byte of the body. */
  firstByte: Promise<void>;
  /** Set when the whole body has arrived. */
  finished: boolean;
  /** Reads the body to its end. */
  body: () => Promise<Buffer>;
  /** Drops the connection, as a browser does when the download is cancelled. */
  abort: () => void;
}

/** POSTs the export form with node:http, so the body is read only when the test asks for it. */
function postExport(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Download> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/organiser/export/file`, {
      method: "POST",
      headers: {
        Cookie: session,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        ...headers,
      },
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let firstByte!: () => void;
      const download: Download = {
        status: response.statusCode!,
        headers: response.headers,
        firstByte: new Promise((r) => (firstByte = r)),
        finished: false,
        body: () => {
          response.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            firstByte();
          });
          return new Promise((r, j) => {
            response.on("end", () => {
              download.finished = true;
              r(Buffer.concat(chunks));
            });
            response.on("error", j);
          });
        },
        abort: () => request.destroy(),
      };
      resolve(download);
    });
    request.end(body);
  });
}

const codedRows = (zip: Buffer) => {
  const files = unzipSync(new Uint8Array(zip));
  const coded = Object.keys(files).find((name) => name.endsWith("-coded.csv"));
  expect(coded).toBeDefined();
  const text = strFromU8(files[coded!]!).replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, newline: "\r\n" }).data;
};

describe("a download runs beside the respondents", () => {
  it("answers a respondent page while a zip export is still streaming, and the zip is complete", async () => {
    const download = await postExport({ q: "pre-regm", format: "zip" });
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/zip");
    const body = download.body();
    await download.firstByte;

    const page = await fetch(`${server.url}/q/pre-regm/s/about`);
    expect(page.status).toBe(200);
    await page.text();
    expect(download.finished).toBe(false);

    const rows = codedRows(await body);
    expect(rows).toHaveLength(RESPONSES);
    expect(rows.every((r) => r.status === "submitted")).toBe(true);
    // A generous net: 8,000 responses zipped on a loaded two-core machine, a PostgreSQL run included.
  }, 180_000);

  it("refuses a third export at once with 429 in the organiser's language, and a cancelled download frees its place", async () => {
    // Two downloads that nobody reads: their exports wait for the client, holding their places.
    const first = await postExport({ q: "pre-regm", format: "zip" });
    const second = await postExport({ q: "pre-regm", format: "zip" });
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await postExport({ q: "pre-regm", format: "coded" }, { "Accept-Language": "es" });
    expect(third.status).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
    expect((await third.body()).toString()).toBe(
      "Se está preparando otra exportación; por favor, inténtelo de nuevo en un minuto.",
    );

    first.abort();
    second.abort();
    // One request and answer: by then the server has seen both connections close.
    expect((await fetch(`${server.url}/q/pre-regm/s/about`)).status).toBe(200);

    const again = await Promise.all([
      postExport({ q: "pre-regm", format: "coded" }),
      postExport({ q: "pre-regm", format: "coded" }),
    ]);
    expect(again.map((d) => d.status)).toEqual([200, 200]);
    for (const download of again) {
      const text = (await download.body()).toString("utf8").replace(/^\uFEFF/, "");
      expect(Papa.parse(text, { header: true, skipEmptyLines: true, newline: "\r\n" }).data).toHaveLength(RESPONSES);
    }
  });
});
