import { plainToInstance, Transform, Type } from 'class-transformer';
import { compileTrust } from '../http/client-address.js';
import { FAST_PATH_MODES, type FastPathMode } from '../fast-path/fast-path-mode.js';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off', ''].includes(v)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every operator setting in one place, read from the environment and validated at boot.
 * Names match docs/protocol.md section 7 and .env.example.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' =
    'development';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsString() DATA_DIR = '.data';
  @IsOptional() @IsString() REDIS_URL?: string;
  /** Prefix of every Redis key and channel, so deployments (or test runs) can share one Redis. */
  @IsString() @MinLength(1) REDIS_PREFIX = 'ps';
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsString() JWT_ISSUER = 'patrolshield';
  @IsString() JWT_AUDIENCE = 'patrolshield-clients';
  @Type(() => Number) @IsInt() @Min(5) @Max(86400) ACCESS_TOKEN_TTL_S = 900;
  @Type(() => Number) @IsInt() @Min(60) REFRESH_TOKEN_TTL_S = 2592000;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(8) ADMIN_PASSWORD?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() DEMO_DATA?: boolean;
  @Transform(toList) @IsString({ each: true }) CORS_ORIGINS: string[] = ['*'];
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** `pretty` (pino-pretty, for people), `json` (for log collectors), or unset: pretty on a terminal in development. */
  @IsOptional() @IsIn(['pretty', 'json']) LOG_FORMAT?: 'pretty' | 'json';
  /** Bearer token GET /metrics (Prometheus) asks for; unset: the endpoint is open (keep it off the proxy). */
  @IsOptional() @IsString() @MinLength(16) METRICS_TOKEN?: string;
  /**
   * Which proxies may tell us the client address (X-Forwarded-For), as Express's `trust proxy`:
   * `loopback`, `uniquelocal` (private networks, e.g. docker-compose), a list of CIDRs, or `false`.
   */
  @IsString() @MinLength(1) TRUST_PROXY = 'loopback';
  @Type(() => Number) @IsInt() @Min(50) LOCATION_BATCH_MS = 5000;
  @Type(() => Number) @IsInt() @Min(1) PANIC_RECEIPT_TIMEOUT_S = 10;
  @Type(() => Number) @IsInt() @Min(1) PANIC_ESCALATION_L2_S = 300;
  @Type(() => Number) @IsInt() @Min(1) PANIC_ESCALATION_L3_S = 900;
  @Type(() => Number) @IsInt() @Min(1) SHIFT_NO_SHOW_GRACE_S = 900;
  @Type(() => Number) @IsInt() @Min(1) MESSAGE_ACK_TIMEOUT_S = 120;
  @Type(() => Number) @IsInt() @Min(1) GUARD_STALE_AFTER_S = 120;
  @Type(() => Number) @IsInt() @Min(1) SITE_UNWATCHED_AFTER_S = 120;
  @Type(() => Number) @IsInt() @Min(0) PRESENCE_OFFLINE_GRACE_S = 30;
  @Type(() => Number) @IsInt() @Min(1) EVENT_RETENTION_DAYS = 7;
  @Transform(toBool) @IsBoolean() ALLOW_QUERY_TOKEN = false;
  /** How often the timer poller looks for due deadlines. */
  @Type(() => Number) @IsInt() @Min(10) TIMER_POLL_MS = 1000;
  /**
   * How often each node checks whether its log listener may have missed a NOTIFY (then compares
   * the event log's heads with what it delivered), and reads recent session controls.
   */
  @Type(() => Number) @IsInt() @Min(50) @Max(60000) LOG_CATCH_UP_POLL_MS = 1000;
  /** Length of one "minute" of patrol settings (maxGapMinutes, expectedDurationMinutes); tests shorten it. */
  @Type(() => Number) @IsInt() @Min(1) PATROL_MINUTE_MS = 60000;
  /** How often runs still in progress after their shift ended are ended (a backstop; see PatrolShiftSweep). */
  @Type(() => Number) @IsInt() @Min(100) PATROL_SHIFT_SWEEP_MS = 60000;
  /** Socket command budget: commands per socket per second, and join_site per user per minute. */
  @Type(() => Number) @IsInt() @Min(1) WS_COMMANDS_PER_S = 20;
  @Type(() => Number) @IsInt() @Min(1) WS_JOIN_SITE_PER_MIN = 10;
  /** REST commands (POST, PUT, PATCH, DELETE) per user per second, counted cluster-wide. */
  @Type(() => Number) @IsInt() @Min(1) REST_COMMANDS_PER_S = 10;
  /** Login attempts (any outcome) allowed per email and client address per 15 minutes. */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_ATTEMPTS_PER_15_MIN = 10;
  /** Login attempts (any email, any outcome) allowed per client address per 15 minutes. */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN = 50;
  /** Password hashes (argon2id, 64 MiB each) computed at once on a node, and how many may wait. */
  @Type(() => Number) @IsInt() @Min(1) @Max(64) PASSWORD_HASH_CONCURRENCY = 2;
  @Type(() => Number) @IsInt() @Min(0) @Max(10000) PASSWORD_HASH_QUEUE = 16;
  /** The longest a login waits for a password hash slot (ms) before it is answered 503. */
  @Type(() => Number) @IsInt() @Min(10) @Max(60000) PASSWORD_HASH_MAX_WAIT_MS = 1000;
  /** Seconds before token expiry at which the server warns a socket. */
  @Type(() => Number) @IsInt() @Min(1) SESSION_EXPIRING_LEAD_S = 60;
  /** A durable command slower than this (ms, pool wait to commit) logs its phases as `slow command`. */
  @Type(() => Number) @IsInt() @Min(1) SLOW_COMMAND_MS = 100;
  /**
   * Client-side limit (ms) on every PostgreSQL query and Redis call, and on taking a pooled
   * connection: a hung dependency gives an answer (UNAVAILABLE, retryable) instead of silence.
   */
  @Type(() => Number) @IsInt() @Min(100) @Max(600_000) COMMAND_TIMEOUT_MS = 5000;
  /**
   * Restarts of a dead embedded PostgreSQL allowed within 10 minutes; past that (or 0) the server
   * exits with code 1 so a process manager restarts it, instead of staying up and useless.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(100) EMBEDDED_PG_MAX_RESTARTS = 5;
  /** Audit rows kept in memory while they cannot be written (a database outage); past it the oldest are dropped. */
  @Type(() => Number) @IsInt() @Min(100) @Max(1_000_000) AUDIT_BUFFER_MAX = 10000;
  /** Audit rows written per second at most (a flood waits in the buffer, bounded by AUDIT_BUFFER_MAX). */
  @Type(() => Number) @IsInt() @Min(10) AUDIT_MAX_ROWS_PER_S = 5000;
  /** Window (s) over which refused handshakes per address and RATE_LIMITED answers per socket make one audit row. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600) AUDIT_AGGREGATE_WINDOW_S = 60;
  /** Days of audit log kept. */
  @Type(() => Number) @IsInt() @Min(1) AUDIT_RETENTION_DAYS = 90;
  /** RATE_LIMITED answers to one socket within 10 s after which the server disconnects it. */
  @Type(() => Number) @IsInt() @Min(1) WS_RATE_LIMITED_CUTOFF = 100;
  /**
   * Map tiles of the operations console: an http(s) URL template with {z}, {x}, {y} (and {s} for
   * subdomains), or `none` for a map without tiles (offline sites, tests). Its host is the only
   * foreign host the console's Content-Security-Policy allows.
   */
  @Matches(/^(none|https?:\/\/[^\s/?#]+\/(?=\S*\{z\})(?=\S*\{x\})(?=\S*\{y\})\S*)$/, {
    message: 'CONSOLE_TILE_URL must be none or an http(s) URL template with {z}, {x} and {y}',
  })
  CONSOLE_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  /** Attribution shown on the console's map for its tiles (plain text). */
  @IsString() CONSOLE_TILE_ATTRIBUTION = '© OpenStreetMap contributors';
  /** Guards on shift within this distance (m) of a panic are asked for backup (docs/protocol.md section 11). */
  @Type(() => Number) @IsInt() @Min(1) PANIC_BACKUP_RADIUS_M = 500;
  /** Webhook and push targets on loopback or private networks are refused unless this is on. */
  @Transform(toBool) @IsBoolean() NOTIFY_ALLOW_PRIVATE_TARGETS = false;
  /** How often (ms) the notification poller looks for due deliveries. */
  @Type(() => Number) @IsInt() @Min(10) NOTIFY_POLL_MS = 1000;
  /** SMTP server of email channels (smtp:// or smtps://, credentials in the URL); unset: email off. */
  @IsOptional() @IsString() SMTP_URL?: string;
  @IsString() @MinLength(3) SMTP_FROM = 'PatrolShield <patrolshield@localhost>';
  /** Web Push keys (base64url); unset: generated once and kept in DATA_DIR on the embedded setup. */
  @IsOptional() @IsString() VAPID_PUBLIC_KEY?: string;
  @IsOptional() @IsString() VAPID_PRIVATE_KEY?: string;
  /** Contact the push services may use (mailto: or https: URL), sent in the VAPID claim. */
  @IsString() @MinLength(8) VAPID_SUBJECT = 'mailto:operations@patrolshield.invalid';
  /** Google service account JSON file of the Firebase project; unset: FCM off. */
  @IsOptional() @IsString() FCM_SERVICE_ACCOUNT_FILE?: string;
  /** FCM HTTP v1 base URL (tests point it at a local server). */
  @IsString() @MinLength(8) FCM_ENDPOINT = 'https://fcm.googleapis.com';
  /**
   * `on`: the framework overrides made for speed (libs/core/src/fast-path, docs/fast-path.md);
   * `off`: the plain framework path each replaces (Nest's message binding and ValidationPipe,
   * TypeORM's transaction), to compare against or to rule the overrides out.
   */
  @IsIn(FAST_PATH_MODES) FAST_PATH: FastPathMode = 'on';
  /** Bulk seeding endpoint for simulations; never enable in production. */
  @Transform(toBool) @IsBoolean() ENABLE_SIMULATION_SEED = false;
}

export class ConfigValidationError extends Error {}

/** Names each bad variable with what the environment held (not the converted value: PORT=abc is not NaN). */
function describe(errors: ValidationError[], raw: Record<string, string>): string {
  return errors
    .map(
      (e) =>
        `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(raw[e.property] ?? e.value)})`,
    )
    .join('\n  ');
}

/** Builds the config from an env-like record; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = new Set(Object.keys(new AppConfig()));
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && v !== '' && isConfigKey(k, known)) raw[k] = v;
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) throw new ConfigValidationError(`Invalid configuration:\n  ${describe(errors, raw)}`);
  try {
    compileTrust(config.TRUST_PROXY);
  } catch {
    throw new ConfigValidationError(
      `Invalid configuration:\n  TRUST_PROXY must be false, or names/CIDRs such as loopback, uniquelocal, 10.0.0.0/8 (got ${JSON.stringify(config.TRUST_PROXY)})`,
    );
  }
  if (config.PANIC_ESCALATION_L3_S <= config.PANIC_ESCALATION_L2_S)
    throw new ConfigValidationError(
      'Invalid configuration:\n  PANIC_ESCALATION_L3_S must be greater than PANIC_ESCALATION_L2_S',
    );
  if (config.DATABASE_URL && !config.JWT_SECRET)
    throw new ConfigValidationError(
      'Invalid configuration:\n  JWT_SECRET is required (at least 32 characters) when DATABASE_URL is set',
    );
  if (!config.ADMIN_EMAIL !== !config.ADMIN_PASSWORD)
    throw new ConfigValidationError(
      'Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together (or neither)',
    );
  if (!config.VAPID_PUBLIC_KEY !== !config.VAPID_PRIVATE_KEY)
    throw new ConfigValidationError(
      'Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together (or neither)',
    );
  // docs/protocol.md: any origin by default in development only; production allows none unless listed.
  if (config.NODE_ENV === 'production' && raw.CORS_ORIGINS === undefined) config.CORS_ORIGINS = [];
  if (config.NODE_ENV === 'production' && config.ENABLE_SIMULATION_SEED)
    throw new ConfigValidationError(
      'Invalid configuration:\n  ENABLE_SIMULATION_SEED cannot be on in production',
    );
  return config;
}

function isConfigKey(key: string, known: Set<string>): boolean {
  return (
    known.has(key) ||
    [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'DEMO_DATA',
      'LOG_FORMAT',
      'METRICS_TOKEN',
      'SMTP_URL',
      'VAPID_PUBLIC_KEY',
      'VAPID_PRIVATE_KEY',
      'FCM_SERVICE_ACCOUNT_FILE',
    ].includes(key)
  );
}
