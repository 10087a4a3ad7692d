import { z } from 'zod';

/**
 * Every setting Bridgework reads from the environment. Safe defaults let
 * `npm start` run on a laptop; `APP_ENV=production` makes the risky ones
 * mandatory. Each variable is documented in the README's configuration table.
 */
const booleanString = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .default(120),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    COOKIE_SECURE: booleanString.optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    PASSWORD_RESET_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Bridgework <no-reply@bridgework.local>'),
    CONTACT_EMAIL: z.email().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: booleanString.default(false),
    VIEWS_RELOAD: booleanString.default(false),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    JOB_WORKERS: booleanString.default(true),
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
    OUTBOUND_ALLOWED_HOSTS: z
      .string()
      .regex(/^[\w.:[\], -]+$/, 'OUTBOUND_ALLOWED_HOSTS is a list of host names or addresses separated by commas')
      .optional(),
    // The earlier name, from when only webhooks reached out.
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .regex(/^[\w.:[\], -]+$/, 'WEBHOOK_ALLOWED_HOSTS is a list of host names or addresses separated by commas')
      .optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_SCHEDULE: z
      .string()
      .regex(/^\S+(\s+\S+){4}$/, 'BACKUP_SCHEDULE is a cron expression of five fields, such as "30 2 * * *"')
      .default('30 2 * * *'),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  })
  .superRefine((value, ctx) => {
    if (value.APP_ENV !== 'production') return;
    if (!value.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET is required when APP_ENV=production' });
    }
    if (!value.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'PUBLIC_URL is required when APP_ENV=production' });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig['APP_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  invitationDays: number;
  passwordResetMinutes: number;
  smtpUrl?: string;
  mailFrom: string;
  /** Where people write about this service, shown on the contact, privacy and accessibility pages. */
  contactEmail: string | undefined;
  logLevel: RawConfig['LOG_LEVEL'];
  trustProxy: boolean;
  /** Re-read templates on every request (for template work only: it is slow). */
  viewsReload: boolean;
  /** Worker processes sharing the port; PostgreSQL only (PGlite belongs to one process). */
  webConcurrency: number;
  /** Whether this process works the background job queue and its schedules (every server may; each job runs once). */
  jobWorkers: boolean;
  /** When set, /metrics asks for it as a bearer token; otherwise keep /metrics behind the proxy. */
  metricsToken: string | undefined;
  /** Hosts webhooks and single sign-on may reach although they are on a private network (an internal service); none by default. */
  outboundAllowedHosts: ReadonlySet<string>;
  /** Scheduled backups: the folder they are written to (none when unset), when (cron, UTC), and how many are kept. */
  backups: { dir: string | undefined; schedule: string; keep: number };
}

export class ConfigError extends Error {}

/** Parse settings from an environment-like object; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as "not set" so `FOO=` in a .env file behaves as expected.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  return {
    env: raw.APP_ENV,
    host: raw.HOST,
    port: raw.PORT,
    publicUrl,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.DATA_DIR,
    // A development secret is fine: it only signs the CSRF and flash cookies.
    sessionSecret: raw.SESSION_SECRET ?? 'development-only-secret-change-me-0123456789',
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES,
    sessionMaxHours: raw.SESSION_MAX_HOURS,
    cookieSecure: raw.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    loginMaxFailures: raw.LOGIN_MAX_FAILURES,
    loginLockMinutes: raw.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE,
    invitationDays: raw.INVITATION_DAYS,
    passwordResetMinutes: raw.PASSWORD_RESET_MINUTES,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    contactEmail: raw.CONTACT_EMAIL,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
    viewsReload: raw.VIEWS_RELOAD,
    webConcurrency: raw.WEB_CONCURRENCY,
    metricsToken: raw.METRICS_TOKEN,
    outboundAllowedHosts: new Set(
      [raw.OUTBOUND_ALLOWED_HOSTS ?? '', raw.WEBHOOK_ALLOWED_HOSTS ?? '']
        .join(',')
        .split(',')
        .map((host) =>
          host
            .trim()
            .replace(/^\[|\]$/g, '')
            .toLowerCase(),
        )
        .filter(Boolean),
    ),
    backups: { dir: raw.BACKUP_DIR, schedule: raw.BACKUP_SCHEDULE, keep: raw.BACKUP_KEEP },
    jobWorkers: raw.JOB_WORKERS,
  };
}
