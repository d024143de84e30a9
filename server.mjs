// The HTTP server: Remix behind Express, with compression, static files and logs free of personal data.
import cluster from "node:cluster";
import path from "node:path";
// Remix's own request conversion (proxy headers, abort on close), which its index does not export.
import remixExpress from "@remix-run/express/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimitFor } from "./app/utils/body-limits.mjs";
import { superviseWorkers } from "./app/utils/cluster-primary.mjs";
import { parseWebConcurrency } from "./app/utils/web-concurrency.mjs";

// React and Remix pick their production builds from NODE_ENV; serve production unless told otherwise.
// Without a declared NODE_ENV this is a local start: the app then allows a generated secret and plain-HTTP cookies.
if (!process.env.NODE_ENV) {
  process.env.NODE_ENV = "production";
  process.env.CONSULTA_LOCAL = "1";
}
const port = Number(process.env.PORT ?? 3000);
// WEB_CONCURRENCY=N: this primary process only runs N workers on the port, each running this file in full.
// Everything they share (sessions, rate limits, the outbox, job leases) is in the database (docs/decisions/027).
const processes = parseWebConcurrency(process.env.WEB_CONCURRENCY);
if (cluster.isPrimary && processes > 1) await superviseWorkers(processes, `http://localhost:${port}`);

// Importing the build checks the environment (app/utils/env.server.ts) and stops with a clear message when it is wrong.
const build = await import(path.resolve("build/index.js"));
const requestLog = build.entry.module.createRequestLog(build.routes);
const deployed = process.env.NODE_ENV === "production" && process.env.CONSULTA_LOCAL !== "1";
// In a deployment links and the same-site check use PUBLIC_URL (required there), never the request's Host.
const publicUrl = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL) : null;

/**
 * Answers with a status and the message under `key` ("errors.…" in common.json), in the visitor's
 * language as the app finds it (app/entry.server.tsx): the same enabled languages and negotiation.
 */
async function refuse(req, res, status, key, headers = {}) {
  res.status(status).set(headers);
  try {
    const request = new Request(new URL(req.originalUrl, "http://localhost"), {
      headers: { cookie: req.headers.cookie ?? "", "accept-language": String(req.headers["accept-language"] ?? "") },
    });
    const { language, text } = await build.entry.module.refusalText(request, key);
    res.set("Content-Language", language).type("text/plain").send(text);
  } catch (error) {
    // Express 4 does not catch a failing async handler: the refusal still goes out, without its text.
    console.error(`${req.method} ${req.path}: could not word ${key}:`, error);
    res.end();
  }
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
// Sent with every response. No inline script anywhere, so scripts come from this origin only.
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  // Resume and invitation links carry tokens in their query: never send them to another site.
  // (same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own forms.)
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};
// Behind HTTPS, browsers are told to come back over HTTPS only.
if (deployed && publicUrl?.protocol === "https:")
  SECURITY_HEADERS["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
app.use((req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
});

// Remix answers GET, HEAD and POST; anything else (TRACE, PUT, OPTIONS...) is refused before it reaches Remix.
const METHODS = new Set(["GET", "HEAD", "POST"]);
// A host name or IP address with an optional port: what a browser sends. Remix builds the request's URL from it.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
app.use((req, res, next) => {
  if (!METHODS.has(req.method)) return refuse(req, res, 405, "errors.methodNotAllowed", { Allow: "GET, HEAD, POST" });
  if (!HOST.test(req.headers.host ?? "")) return refuse(req, res, 400, "errors.badHost");
  next();
});

app.use(compression());
// Remix's hashed assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
// Everything else may be personal (pages, data requests, downloads, redirects that set cookies): never
// kept by a browser or a proxy, so Back after signing out shows nothing.
app.use((req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // One JSON line: the route id stands for the path (app/utils/request-log.server.ts).
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    requestLog({ method: req.method, path: req.path, status: res.statusCode, ms });
  });
  next();
});

// Bodies are limited before anything reads them; a body of unknown length is refused.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.headers["content-length"];
  if (length === undefined && req.headers["transfer-encoding"]) return refuse(req, res, 411, "errors.lengthRequired");
  if (Number(length ?? 0) > bodyLimitFor(req.path)) return refuse(req, res, 413, "errors.formTooLarge");
  next();
});

// A form posted from another site is refused here, with a message, rather than by Remix with a 500.
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (req.method === "GET" || req.method === "HEAD" || origin === undefined) return next();
  let sameSite = false;
  try {
    sameSite = new URL(origin).host === (publicUrl ? publicUrl.host : req.headers.host);
  } catch {
    // A malformed Origin is not this site: sameSite stays false.
  }
  if (sameSite) return next();
  refuse(req, res, 403, "errors.crossSite");
});

const { createRemixRequest } = remixExpress;
const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
app.all("*", async (req, res, next) => {
  try {
    // For rate limits. Behind a proxy, set TRUST_PROXY so this is the client's, not the proxy's.
    const response = await handleRequest(createRemixRequest(req, res), { clientAddress: req.ip ?? "unknown" });
    await sendResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// Whatever fails outside Remix gets the app's own words, not Express's English "Internal Server Error".
app.use((error, req, res, next) => {
  console.error(`${req.method} ${req.path}:`, error);
  if (res.headersSent) return next(error);
  refuse(req, res, 500, "errors.generic");
});

/**
 * Writes a Remix response as @remix-run/express does, with two differences for long downloads:
 * the next chunk is read only once the socket has taken the last one (Remix's own writer reads on
 * and buffers the whole file when the client is slower than the worker making it), and a client
 * that goes away cancels the body, which stops the worker making it.
 */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Cookies add up; any other header the app sets replaces this server's default (Cache-Control: no-store).
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.set(key, value);
  }
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => reader.cancel().catch(() => {});
  // The client may have gone while the first chunk was being made.
  if (res.destroyed) return cancel();
  const closed = new Promise((resolve) => res.once("close", resolve));
  closed.then(() => {
    if (!res.writableFinished) cancel();
  });
  const drained = () => new Promise((resolve) => res.once("drain", resolve));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return cancel();
      const more = res.write(value);
      // Compression holds small writes back: send what this chunk gave at once.
      res.flush?.();
      if (!more) await Promise.race([drained(), closed]);
    }
    if (!res.destroyed) res.end();
  } catch {
    // The body failed half-way (the export's error is logged where it happened): cut the
    // connection so the client sees an incomplete download, not a complete-looking file.
    res.destroy();
  }
}

const server = app.listen(port, () => {
  // In a cluster the primary says when every worker is listening.
  console.log(cluster.isWorker ? `App process ${process.pid} is ready` : `Consulta is listening on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // Finish requests under way, drop idle keep-alive connections, and give up after 5 s.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
