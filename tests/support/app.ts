import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { HONEYPOT_FIELD } from "../../app/components/honeypot";
import { databaseEnv, freshDatabase } from "./engine";

/**
 * The built app (npm run build) driven through Remix's request handler, without a browser,
 * on a database of its own. Call once per test file, before anything imports the build.
 * `databasePath` is the SQLite file, or on the PostgreSQL run (TEST_ENGINE=postgres) the database's URL.
 */
export async function loadApp(env: Record<string, string> = {}) {
  const databasePath = await freshDatabase();
  // The build is a production build: it wants a secret and its public address like a deployment does.
  Object.assign(process.env, {
    ...databaseEnv(databasePath),
    SESSION_SECRET: "integration-secret-long-enough-0123456789abcdef",
    // Suites that sign administrators in without a second factor; tests/integration/accounts.test.ts requires it.
    ADMIN_TWO_FACTOR: "optional",
    PUBLIC_URL: BASE,
    ...env,
  });
  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  let address = 0;
  const handle = (request: Request, clientAddress = "127.0.0.1") => handler(request, { clientAddress });
  return { handle, databasePath, nextAddress: () => `10.0.0.${++address}` };
}

/** A browser's cookie jar, enough for one test: keeps what Set-Cookie says. */
export class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...value] = pair!.split("=");
      const maxAgeZero = /max-age=0/i.test(header);
      if (maxAgeZero) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
    return response;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export const BASE = "http://localhost";

/**
 * A form POST as a browser sends it. Respondents' forms carry an empty honeypot field,
 * so it is added for them unless the test sets it.
 */
export function formPost(pathname: string, fields: Record<string, string> | FormData, headers: Record<string, string> = {}) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  if (pathname.startsWith("/q/") && !body.has(HONEYPOT_FIELD)) body.set(HONEYPOT_FIELD, "");
  return new Request(BASE + pathname, {
    method: "POST",
    body,
    headers: fields instanceof FormData ? headers : { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** GET and form POST against a loaded app, as the holder of `jar` (when given). */
export function pages(app: Awaited<ReturnType<typeof loadApp>>) {
  return {
    get: (pathname: string, jar?: CookieJar, headers: Record<string, string> = {}) =>
      app.handle(new Request(BASE + pathname, { headers: { ...(jar ? { Cookie: jar.header() } : {}), ...headers } })),
    post: (pathname: string, fields: Record<string, string> | FormData, jar?: CookieJar) =>
      app.handle(formPost(pathname, fields, jar ? { Cookie: jar.header() } : {})),
  };
}
