import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("./data/consulta.db"),
  /** Guards the coded export until organiser accounts exist; unset, the export is closed. */
  ORGANISER_PASSWORD: z.string().min(8, "ORGANISER_PASSWORD must have at least 8 characters").optional(),
  DEFAULT_QUESTIONNAIRE: z.string().optional(),
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
