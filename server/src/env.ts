/**
 * Configuration, read once from the environment and validated at start-up, so a bad or missing
 * variable stops the process with its name instead of failing at first use. Every variable is
 * documented in .env.example.
 */
import { z } from "zod";

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}:`)), {
      message: `must be a ${protocols.join(" or ")} URL`,
    });

export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    /** Without it, `serve` runs an embedded Postgres (PGlite) in OGF_DATA_DIR. */
    DATABASE_URL: url(["postgresql", "postgres"]).optional(),
    /** Without it, jobs run in the server process. */
    REDIS_URL: url(["redis", "rediss"]).optional(),
    OGF_DATA_DIR: z.string().default(".offgridflow"),
    /** Largest accepted ledger upload. */
    OGF_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** With it or OPENAI_BASE_URL, a model maps what the rules cannot; without, review does. */
    OPENAI_API_KEY: z.string().optional(),
    /** An OpenAI-compatible endpoint (Ollama, vLLM); local ones need no OPENAI_API_KEY. */
    OPENAI_BASE_URL: url(["http", "https"]).optional(),
    /** Must support structured outputs (response_format json_schema). */
    OGF_LLM_MODEL: z.string().default("gpt-4o-mini"),
    /** Per model request; a request that runs longer counts as failed. */
    OGF_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20000),
    /** Retries of a request that failed with 5xx, a timeout, a lost connection or a hinted 429. */
    OGF_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    /** Model calls per ledger; patterns past the budget wait for review, so cost stays bounded. */
    OGF_LLM_MAX_CALLS: z.coerce.number().int().min(0).default(500),
    /**
     * PEM certificate and key files: with both, the service speaks HTTPS, which Excel requires of
     * an add-in's pages (`npx office-addin-dev-certs install` makes a trusted localhost pair).
     */
    OGF_TLS_CERT: z.string().optional(),
    OGF_TLS_KEY: z.string().optional(),
  })
  .refine((env) => (env.OGF_TLS_CERT === undefined) === (env.OGF_TLS_KEY === undefined), {
    message: "set both OGF_TLS_CERT and OGF_TLS_KEY, or neither",
    path: ["OGF_TLS_KEY"],
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment, or throws an error naming each bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means unset, as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`invalid configuration:\n  ${problems.join("\n  ")}`);
}
