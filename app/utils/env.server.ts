import { z } from "zod";
import { defaultEnabledLanguages, parseEnabledLanguages } from "~/i18n/config";
import { parseWebConcurrency } from "./web-concurrency.mjs";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/consulta.db"),
  /** A PostgreSQL server instead of the SQLite file, e.g. postgres://consulta:secret@db.example.org/consulta. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// (unset it to use the SQLite file at DATABASE_PATH)")
    .optional(),
  DEFAULT_QUESTIONNAIRE: z.string().optional(),
  /** Signs tokens and cookies; when unset a random one is kept beside the database. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must have at least 32 characters").optional(),
  /** The address respondents reach, for links shown to them; required in a deployment (locally, the request's own). */
  PUBLIC_URL: z.url().optional(),
  /** Days after its last save that an untouched draft is deleted. */
  DRAFT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /**
   * Where respondents write about their data (access, correction, erasure): an e-mail address shown
   * on the start page and the receipt, and the Reply-To of receipts. Unset: only the questionnaire's own words.
   */
  PRIVACY_CONTACT: z.email().optional(),
  /** Days a draft can be resumed after its last save. */
  RESUME_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Downloads made at once, each in its own worker thread; more are refused with a 429. */
  MAX_CONCURRENT_EXPORTS: z.coerce.number().int().min(1).max(64).default(2),
  /** Whether administrators must sign in with a second factor; `optional` only for test suites that do not exercise it. */
  ADMIN_TWO_FACTOR: z.enum(["required", "optional"]).default("required"),
  /** The mail server, e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465; unset: e-mails stay in the outbox, unsent. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of every e-mail, e.g. "Consulta <consulta@example.org>". */
  MAIL_FROM: z.string().min(3).default("Consulta <consulta@localhost>"),
  /** Seconds before the first retry after a refusal; each further retry waits twice as long. */
  MAIL_RETRY_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** Tries before a message is marked failed. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** How often the outbox is looked at. */
  MAIL_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  /** A message claimed longer ago than this by a process that is gone has an unknown fate. */
  MAIL_LEASE_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  /** The least number of days between two reminders to the same expert. */
  REMINDER_INTERVAL_DAYS: z.coerce.number().min(0).max(365).default(3),
  /** App processes that server.mjs starts on one port (node:cluster); 1, the default, is a single process. */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((setting, ctx) => {
      try {
        return parseWebConcurrency(setting);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The request log's level (one JSON line per request at `info`); `silent` logs none. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The languages offered to respondents and invitees, e.g. en,es,fr; a folder of locales/ not named here is never offered. */
  LANGUAGES: z
    .string()
    .default(defaultEnabledLanguages)
    .transform((setting, ctx) => {
      try {
        return parseEnabledLanguages(setting);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export type Env = z.infer<typeof schema> & {
  /** Where the data live, as db/connection.ts openDatabase reads it: DATABASE_URL when set, else DATABASE_PATH. */
  database: string;
  /** Declared a production deployment: NODE_ENV=production set by the operator (not by `npm start` alone). */
  deployed: boolean;
  /** Cookies carry the Secure flag. */
  secureCookies: boolean;
};

/** Reads the environment once, failing at start with a clear message when it is wrong. */
function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  // server.mjs sets CONSULTA_LOCAL when it had to choose NODE_ENV itself (a plain `npm start`).
  const deployed = process.env.NODE_ENV === "production" && process.env.CONSULTA_LOCAL !== "1";
  if (deployed && !parsed.data.SESSION_SECRET) {
    throw new Error(
      "SESSION_SECRET is missing: in production it must be set to a random string of 32 characters or more " +
        "(for example: openssl rand -base64 48). It signs sessions and resume links.",
    );
  }
  if (deployed && !parsed.data.PUBLIC_URL) {
    throw new Error(
      "PUBLIC_URL is missing: in production it must be set to the address respondents reach (for example " +
        "https://consulta.example.org). Links in invitations and resume pages are built from it, never from the request's Host.",
    );
  }
  return {
    ...parsed.data,
    database: parsed.data.DATABASE_URL ?? parsed.data.DATABASE_PATH,
    deployed,
    secureCookies: deployed && process.env.INSECURE_COOKIES !== "1",
  };
}

export const env = readEnv();
