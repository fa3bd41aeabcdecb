import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';

/**
 * What the socket layer does around one command, declared on its gateway handler rather than
 * listed by name in the core: whether its answers go to the audit log, and a budget of its own
 * on top of the user's budget for all commands (counted through the shared store, so per user
 * across nodes).
 */
export interface CommandPolicyOptions {
  /** `all` (default): every answer; `errors`: refusals only; `never`: nothing (ephemeral chatter). */
  audit?: 'all' | 'errors' | 'never';
  budget?: { limit: number; windowMs: number };
}

const policies = new Map<string, CommandPolicyOptions>();

/** The declared policy of an event, if any. */
export const commandPolicyOf = (event: string): CommandPolicyOptions | undefined => policies.get(event);

/**
 * Declares a handler's policy. Place it above `@SubscribeMessage(...)`: decorators apply bottom
 * up, so the event name is already on the method when this one runs.
 */
export function CommandPolicy(options: CommandPolicyOptions): MethodDecorator {
  return (_target, key, descriptor) => {
    const event = Reflect.getMetadata(MESSAGE_METADATA, descriptor.value as object) as string | undefined;
    if (!event) throw new Error(`@CommandPolicy on ${String(key)} needs @SubscribeMessage below it`);
    policies.set(event, options);
  };
}
