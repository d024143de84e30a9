// The HTTP server: Remix behind Express, with compression, static files and logs free of personal data.
import path from "node:path";
// Remix's own request conversion (proxy headers, abort on close), which its index does not export.
import remixExpress from "@remix-run/express/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

// React and Remix pick their production builds from NODE_ENV; serve production unless told otherwise.
// Without a declared NODE_ENV this is a local start: the app then allows a generated secret and plain-HTTP cookies.
if (!process.env.NODE_ENV) {
  process.env.NODE_ENV = "production";
  process.env.CONSULTA_LOCAL = "1";
}
const build = await import(path.resolve("build/index.js"));
const port = Number(process.env.PORT ?? 3000);
const MAX_BODY_BYTES = 1024 * 1024;

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
app.use((req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
});

app.use(compression());
// Remix's hashed assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // The path only: query strings and bodies may carry tokens or answers.
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  next();
});

// Bodies are limited before anything reads them; a body of unknown length is refused.
const tooLarge = {
  en: "The form is too large to be sent. Please shorten your answers.",
  es: "El formulario es demasiado grande para enviarse. Por favor, acorte sus respuestas.",
};
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.headers["content-length"];
  const language = /^es\b/i.test(req.headers["accept-language"] ?? "") ? "es" : "en";
  if (length === undefined && req.headers["transfer-encoding"]) {
    res.status(411).type("text/plain").send(tooLarge[language]);
    return;
  }
  if (Number(length ?? 0) > MAX_BODY_BYTES) {
    res.status(413).type("text/plain").send(tooLarge[language]);
    return;
  }
  next();
});

// A form posted from another site is refused here, with a message, rather than by Remix with a 500.
const crossSite = {
  en: "This form was sent from another site and was refused.",
  es: "Este formulario se envió desde otro sitio y fue rechazado.",
};
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (req.method === "GET" || req.method === "HEAD" || origin === undefined) return next();
  let sameSite = false;
  try {
    sameSite = new URL(origin).host === req.headers.host;
  } catch {
    sameSite = false;
  }
  if (sameSite) return next();
  const language = /^es\b/i.test(req.headers["accept-language"] ?? "") ? "es" : "en";
  res.status(403).type("text/plain").send(crossSite[language]);
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

/**
 * Writes a Remix response as @remix-run/express does, with two differences for long downloads:
 * the next chunk is read only once the socket has taken the last one (Remix's own writer reads on
 * and buffers the whole file when the client is slower than the worker making it), and a client
 * that goes away cancels the body, which stops the worker making it.
 */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
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
  console.log(`Consulta is listening on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // Finish requests under way, drop idle keep-alive connections, and give up after 5 s.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
