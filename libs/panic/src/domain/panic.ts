/** Panic rules as pure functions: the state machine of one panic, no I/O. */
import type { PanicStatus } from '#contract';

// The value lists are the contract's (libs/contract/src/vocabulary.ts); the rules below use them.
export { PANIC_STATUSES, PANIC_TYPES, type PanicStatus, type PanicType } from '#contract';

/** Statuses in which a panic is active (at most one per guard, enforced by a partial unique index). */
export const ACTIVE_PANIC_STATUSES: readonly PanicStatus[] = ['RAISED', 'ACKNOWLEDGED'];
export const isActivePanic = (status: PanicStatus): boolean => ACTIVE_PANIC_STATUSES.includes(status);

export type PanicDecision =
  { kind: 'change'; status: PanicStatus } | { kind: 'unchanged' } | { kind: 'conflict'; reason: string };

/** First acknowledger wins: acknowledging an acknowledged panic changes nothing. */
export function decideAcknowledge(status: PanicStatus): PanicDecision {
  if (status === 'RAISED') return { kind: 'change', status: 'ACKNOWLEDGED' };
  if (status === 'ACKNOWLEDGED') return { kind: 'unchanged' };
  return { kind: 'conflict', reason: 'Panic is already resolved' };
}

/** A raised or acknowledged panic can be resolved, once. */
export function decideResolve(status: PanicStatus): PanicDecision {
  if (status === 'RESOLVED') return { kind: 'conflict', reason: 'Panic is already resolved' };
  return { kind: 'change', status: 'RESOLVED' };
}
