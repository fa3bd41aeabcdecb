import { ConfigValidationError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      FAST_PATH: 'on',
      DATA_DIR: '.data',
      ACCESS_TOKEN_TTL_S: 900,
      REFRESH_TOKEN_TTL_S: 2592000,
      LOCATION_BATCH_MS: 5000,
      PANIC_RECEIPT_TIMEOUT_S: 10,
      PANIC_ESCALATION_L2_S: 300,
      PANIC_ESCALATION_L3_S: 900,
      SHIFT_NO_SHOW_GRACE_S: 900,
      GUARD_STALE_AFTER_S: 120,
      SITE_UNWATCHED_AFTER_S: 120,
      PRESENCE_OFFLINE_GRACE_S: 30,
      EVENT_RETENTION_DAYS: 7,
      ALLOW_QUERY_TOKEN: false,
      CORS_ORIGINS: ['*'],
      COMMAND_TIMEOUT_MS: 5000,
      EMBEDDED_PG_MAX_RESTARTS: 5,
      AUDIT_BUFFER_MAX: 10000,
      AUDIT_MAX_ROWS_PER_S: 5000,
      AUDIT_AGGREGATE_WINDOW_S: 60,
      AUDIT_RETENTION_DAYS: 90,
      WS_RATE_LIMITED_CUTOFF: 100,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('converts numbers, booleans and lists', () => {
    const c = loadConfig({
      PORT: '8080',
      ALLOW_QUERY_TOKEN: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(c.PORT).toBe(8080);
    expect(c.ALLOW_QUERY_TOKEN).toBe(true);
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['ACCESS_TOKEN_TTL_S', '-5'],
    ['ALLOW_QUERY_TOKEN', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'short'],
    ['COMMAND_TIMEOUT_MS', '50'],
    ['EMBEDDED_PG_MAX_RESTARTS', '-1'],
    ['AUDIT_BUFFER_MAX', '10'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['WS_RATE_LIMITED_CUTOFF', '0'],
    ['LOG_FORMAT', 'xml'],
    ['METRICS_TOKEN', 'short'],
    ['FAST_PATH', 'fast'],
  ])('refuses %s=%s and names the variable with the value it got', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}: .*\\(got "${value}"\\)`));
  });
  it('turns the fast path off', () => {
    expect(loadConfig({ FAST_PATH: 'off' }).FAST_PATH).toBe('off');
  });
  it('validates TRUST_PROXY', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, uniquelocal' }).TRUST_PROXY).toBe('loopback, uniquelocal');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
  it('takes a console tile URL template or none, and refuses anything else', () => {
    expect(loadConfig({}).CONSOLE_TILE_URL).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(loadConfig({ CONSOLE_TILE_URL: 'none' }).CONSOLE_TILE_URL).toBe('none');
    const own = 'https://{s}.tiles.example.com/{z}/{x}/{y}.png';
    expect(loadConfig({ CONSOLE_TILE_URL: own }).CONSOLE_TILE_URL).toBe(own);
    for (const bad of ['off', 'ftp://tiles.example.com/{z}/{x}/{y}.png', 'https://tiles.example.com/{z}.png'])
      expect(() => loadConfig({ CONSOLE_TILE_URL: bad })).toThrow(/CONSOLE_TILE_URL/);
  });
  it('requires JWT_SECRET with an external database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y' })).toThrow(/JWT_SECRET/);
  });
  it('checks the first admin settings', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough' })).toThrow(
      /ADMIN_EMAIL/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'boss@example.com' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long-enough' })).toThrow(/ADMIN_EMAIL/);
    expect(loadConfig({ ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'long-enough' }).ADMIN_EMAIL).toBe(
      'boss@example.com',
    );
  });
  it('allows any CORS origin by default outside production only', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) };
    expect(loadConfig(prod).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ ...prod, CORS_ORIGINS: 'https://ops.example' }).CORS_ORIGINS).toEqual([
      'https://ops.example',
    ]);
  });
  it('refuses the simulation seed endpoint in production and keeps it off unless asked for', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) };
    expect(() => loadConfig({ ...prod, ENABLE_SIMULATION_SEED: 'true' })).toThrow(/ENABLE_SIMULATION_SEED/);
    expect(loadConfig(prod).ENABLE_SIMULATION_SEED).toBe(false);
    expect(loadConfig({}).ENABLE_SIMULATION_SEED).toBe(false);
    expect(loadConfig({ ENABLE_SIMULATION_SEED: 'true' }).ENABLE_SIMULATION_SEED).toBe(true);
  });
  it('requires escalation level 3 after level 2', () => {
    expect(() => loadConfig({ PANIC_ESCALATION_L2_S: '100', PANIC_ESCALATION_L3_S: '50' })).toThrow(/L3/);
  });
});
