import { z } from "zod";

/** Every setting comes from the environment, validated once at start. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Plenary <no-reply@example.org>"),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO: z.enum(["true", "false"]).default("true"),
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry (the proxy's own). */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Comment lines on open live streams (server-sent events), so reverse proxies do not close them as idle. */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(10).max(300_000).default(15_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Worker processes sharing the port (node:cluster); more than one needs PostgreSQL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Memory for rendered public pages (server/page-cache.ts), bodies and headers counted; past it the least recently used go. */
  PAGE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(64),
});

export type Config = Omit<z.infer<typeof schema>, "PUBLIC_URL" | "DEMO" | "TRUST_PROXY"> & {
  PUBLIC_URL: string;
  DEMO: boolean;
  TRUST_PROXY: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  if (value.DATABASE_URL && !value.SECRET_KEY) {
    throw new ConfigError("Invalid configuration:\n  SECRET_KEY: required with DATABASE_URL, so that every instance shares it");
  }
  if (value.WEB_CONCURRENCY > 1 && !value.DATABASE_URL) {
    throw new ConfigError("Invalid configuration:\n  WEB_CONCURRENCY: more than one process needs DATABASE_URL (the embedded database belongs to one process)");
  }
  const port = value.PORT;
  return {
    ...value,
    DEMO: value.DEMO === "true",
    TRUST_PROXY: value.TRUST_PROXY === "true",
    PUBLIC_URL: (value.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
  };
}
