import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { freePort } from "./chromium";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Header names in lower case, encoded words decoded. */
  headers: Record<string, string>;
  /** The parts of a multipart message by content type, decoded. */
  parts: Record<string, string>;
  raw: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  return body;
}

/** Enough MIME for the app's messages: one level of multipart, each part decoded. */
export function parseMail(raw: string): Pick<ReceivedMail, "headers" | "parts"> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const boundary = /boundary="?([^";]+)"?/.exec(headers["content-type"] ?? "")?.[1];
  const parts: Record<string, string> = {};
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1, -1)) {
      const at = part.search(/\r?\n\r?\n/);
      const partHeaders = parseHeaders(part.slice(0, at).trim());
      const type = (partHeaders["content-type"] ?? "").split(";")[0]!;
      parts[type] = decodeBody(
        partHeaders,
        part
          .slice(at)
          .replace(/^\r?\n\r?\n/, "")
          .replace(/\r?\n$/, ""),
      );
    }
  } else parts[(headers["content-type"] ?? "text/plain").split(";")[0]!] = decodeBody(headers, body);
  return { headers, parts };
}

/**
 * A real SMTP server on loopback that keeps what it accepts. `refuse(n, code)` makes the next n RCPT
 * commands fail with that reply; `onMessage` runs before the server answers DATA (a test may crash the sender there).
 */
export async function startSmtp(options: { onMessage?: (mail: ReceivedMail) => Promise<void> | void } = {}) {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  const settings: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals.left > 0) {
        refusals.left--;
        const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: refusals.code });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        };
        received.push(mail);
        Promise.resolve(options.onMessage?.(mail)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(settings);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(times: number, code = 451) {
      refusals = { left: times, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` holds (no deadline of its own: the test's timeout is the bound). */
export async function eventually<T>(check: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
