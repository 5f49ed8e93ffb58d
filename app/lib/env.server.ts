import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  /** When set, PostgreSQL through postgres.js; otherwise embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL moet met postgres:// of postgresql:// beginnen")
    .optional(),
  DATA_DIR: z.string().min(1).default("data"),
  DEMO_PASSWORD: z.string().min(12, "DEMO_PASSWORD moet minstens 12 tekens lang zijn").optional(),
  /** Public base URL used in e-mailed links. */
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  /** Documents with more body blocks than this render in the render worker thread (letters/render.server.ts). */
  RENDER_INLINE_BLOCKS: z.coerce.number({ message: "RENDER_INLINE_BLOCKS moet een getal zijn" }).int().min(0).optional(),
  /** 0: every PDF and DOCX renders in the calling thread. */
  RENDER_IN_WORKER: z.enum(["0", "1"], { message: "RENDER_IN_WORKER moet 0 of 1 zijn" }).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validated once at start; a wrong value stops the app with a readable message. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable counts as unset (e.g. DATABASE_URL= in a shell).
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Ongeldige omgevingsvariabelen:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`;
}
