import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/consulta.db"),
  /** Guards the coded export until organiser accounts exist; unset, the export is closed. */
  ORGANISER_PASSWORD: z.string().min(8, "ORGANISER_PASSWORD must have at least 8 characters").optional(),
  DEFAULT_QUESTIONNAIRE: z.string().optional(),
  /** Signs tokens and cookies; when unset a random one is kept beside the database. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must have at least 32 characters").optional(),
  /** The address respondents reach, for links shown to them (defaults to the request's own). */
  PUBLIC_URL: z.url().optional(),
  /** Days a draft can be resumed after its last save. */
  RESUME_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Env = z.infer<typeof schema>;

/** Reads the environment once, failing at start with a clear message when it is wrong. */
function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export const env = readEnv();
