import type { PanicStatus } from './panic.js';

/** Escalation rules, pure: who must hear about an unanswered panic, and when. */
export type EscalationLevel = 1 | 2 | 3;
export type EscalationReason = 'NOT_ACKNOWLEDGED' | 'NO_RECEIPT';
/** Level 2: the site's managers and every admin. Level 3: every manager and admin. */
export type EscalationAudience = 'SITE_MANAGERS_AND_ADMINS' | 'ALL_MANAGERS_AND_ADMINS';

export interface EscalationPolicy {
  /** Seconds after the raise before level 2. */
  level2AfterS: number;
  /** Seconds after the raise before level 3. */
  level3AfterS: number;
}

export interface EscalationState {
  status: PanicStatus;
  escalationLevel: number;
  raisedAt: Date;
}

export interface Escalation {
  level: 2 | 3;
  reason: EscalationReason;
  audience: EscalationAudience;
}

const audienceOf = (level: 2 | 3): EscalationAudience =>
  level === 2 ? 'SITE_MANAGERS_AND_ADMINS' : 'ALL_MANAGERS_AND_ADMINS';

/** Only a panic nobody acknowledged escalates, and never downwards or sideways. */
function escalateTo(p: EscalationState, level: 2 | 3, reason: EscalationReason): Escalation | null {
  if (p.status !== 'RAISED' || p.escalationLevel >= level) return null;
  return { level, reason, audience: audienceOf(level) };
}

/** A deadline for `level` fired. */
export const escalationOnDeadline = (p: EscalationState, level: 2 | 3): Escalation | null =>
  escalateTo(p, level, 'NOT_ACKNOWLEDGED');

/** The staff broadcast was confirmed by these devices: none means level 2 at once. */
export const escalationOnReceipts = (p: EscalationState, confirmedBy: string[]): Escalation | null =>
  confirmedBy.length ? null : escalateTo(p, 2, 'NO_RECEIPT');

/** The next deadline to schedule for a panic at its current level, or null when none is due. */
export function nextDeadline(
  p: EscalationState,
  policy: EscalationPolicy,
): { level: 2 | 3; dueAt: Date } | null {
  if (p.status !== 'RAISED' || p.escalationLevel >= 3) return null;
  const level = p.escalationLevel < 2 ? 2 : 3;
  const afterS = level === 2 ? policy.level2AfterS : policy.level3AfterS;
  return { level, dueAt: new Date(p.raisedAt.getTime() + afterS * 1000) };
}
