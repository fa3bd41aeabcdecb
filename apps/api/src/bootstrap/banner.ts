import type { AppConfig } from '#core';
import { DEMO_PASSWORD, DEMO_USERS, demoEmail } from '../seed/demo-organisation.js';

/** The human summary printed once the server is ready (stdout, beside the JSON logs). */
export function printBanner(
  config: AppConfig,
  info: { readyMs: number; seeded: boolean; demo: boolean },
): void {
  const base = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `PatrolShield is ready in ${(info.readyMs / 1000).toFixed(1)} s`,
    `  Console    ${base}/console/`,
    `  API        ${base}/api/v1`,
    `  Swagger    ${base}/api/docs  (JSON: ${base}/api/docs-json)`,
    `  Health     ${base}/health/ready`,
    `  Metrics    ${base}/metrics  (Prometheus${config.METRICS_TOKEN ? ', bearer METRICS_TOKEN' : ''})`,
    `  Socket.IO  ${base}  (path /socket.io)`,
    `  Database   ${config.DATABASE_URL ? 'external (DATABASE_URL)' : `embedded PostgreSQL in ${config.DATA_DIR}`}`,
  ];
  if (info.demo) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}")${info.seeded ? ', seeded just now' : ''}:`);
    for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(10)} ${demoEmail(u.key)}`);
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}
