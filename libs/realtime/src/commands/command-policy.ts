import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import type { AppConfig } from '#core';

/** A per-user budget: at most `limit` commands of this event per `windowMs`, across nodes. */
export interface CommandBudget {
  limit: number;
  windowMs: number;
}

/**
 * The lane a command waits in when its node is behind (CommandLanes). `ordinary` (default): starts
 * at once unless its socket has commands waiting; `bulk`: high volume, may wait a few milliseconds
 * for everything else read in the same turn; `urgent`: never waits, not even behind its socket's
 * own bulk commands (a panic overtakes its GPS fixes).
 */
export type CommandLane = 'ordinary' | 'bulk' | 'urgent';

/**
 * What the socket layer does around one command, declared on its gateway handler rather than
 * listed by name in the core.
 */
export interface CommandPolicyOptions {
  lane?: CommandLane;
  /**
   * `socket` (default): counts against the socket's budget for all commands (WS_COMMANDS_PER_S);
   * `exempt`: never refused by a rate limit (a guard's panic; duplicates are the feature's rules' job).
   */
  throttle?: 'socket' | 'exempt';
  /**
   * A budget of its own per user, checked after the socket's. A function reads it from the
   * app's settings (resolved once per app, when the adapter binds the event).
   */
  budget?: CommandBudget | ((config: AppConfig) => CommandBudget);
  /** `all` (default): every answer; `errors`: refusals only; `never`: nothing (ephemeral chatter). */
  audit?: 'all' | 'errors' | 'never';
}

/** A policy with the app's settings applied: what the adapter, lanes, throttle and responder read per message. */
export interface ResolvedCommandPolicy {
  readonly lane: CommandLane;
  readonly exempt: boolean;
  readonly budget: CommandBudget | null;
  readonly auditSuccess: boolean;
  readonly auditErrors: boolean;
}

/** The policy of a command that declares none, and of unknown events. */
export const DEFAULT_COMMAND_POLICY: ResolvedCommandPolicy = Object.freeze({
  lane: 'ordinary',
  exempt: false,
  budget: null,
  auditSuccess: true,
  auditErrors: true,
});

const policies = new Map<string, CommandPolicyOptions>();

/** The declared policy of an event, if any. */
export const commandPolicyOf = (event: string): CommandPolicyOptions | undefined => policies.get(event);

/**
 * The policy of an event with `config` applied. Called once per event name and app (when the
 * adapter binds the event, see RealtimeIoAdapter), never per message.
 */
export function resolveCommandPolicy(event: string, config: AppConfig): ResolvedCommandPolicy {
  const declared = policies.get(event);
  if (!declared) return DEFAULT_COMMAND_POLICY;
  const audit = declared.audit ?? 'all';
  const budget = typeof declared.budget === 'function' ? declared.budget(config) : declared.budget;
  return Object.freeze({
    lane: declared.lane ?? 'ordinary',
    exempt: declared.throttle === 'exempt',
    budget: budget ? { limit: budget.limit, windowMs: budget.windowMs } : null,
    auditSuccess: audit === 'all',
    auditErrors: audit !== 'never',
  });
}

/**
 * Declares a handler's policy. Place it above `@SubscribeMessage(...)`: decorators apply bottom
 * up, so the event name is already on the method when this one runs.
 */
export function CommandPolicy(options: CommandPolicyOptions): MethodDecorator {
  return (_target, key, descriptor) => {
    const event = Reflect.getMetadata(MESSAGE_METADATA, descriptor.value as object) as string | undefined;
    if (!event) throw new Error(`@CommandPolicy on ${String(key)} needs @SubscribeMessage below it`);
    if (options.throttle === 'exempt' && options.budget)
      throw new Error(`@CommandPolicy on ${String(key)}: an exempt command has no budget`);
    policies.set(event, options);
  };
}
