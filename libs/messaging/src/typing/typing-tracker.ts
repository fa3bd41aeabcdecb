import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { ConversationRef } from '../domain/conversation.js';
import { TypingChangedEvent } from '../events/message-events.js';

/** A typing:true not repeated within this long ends by itself (docs/protocol.md section 9). */
export const TYPING_EXPIRY_MS = 6000;
/** A repeated typing:true is passed on at most this often; in between it only extends the expiry. */
export const TYPING_REPEAT_MS = 3000;

interface Typing {
  expiry: NodeJS.Timeout;
  sentAt: number;
}

/**
 * Who is typing where, in this process only: ephemeral, never stored. Turns the clients' typing
 * flags into `typing` events, throttled (a held key sends typing:true every few hundred ms on some
 * keyboards) and ended by the server TYPING_EXPIRY_MS after the last typing:true.
 */
@Injectable()
export class TypingTracker implements OnApplicationShutdown {
  private readonly typing = new Map<string, Typing>();

  constructor(private readonly events: EventBus) {}

  set(conversation: ConversationRef, userId: string, typing: boolean, now = Date.now()): void {
    const key = `${conversation.id}:${userId}`;
    const current = this.typing.get(key);
    if (!typing) {
      if (!current) return;
      this.end(key, current);
      this.events.publish(new TypingChangedEvent(conversation, userId, false));
      return;
    }
    if (current) clearTimeout(current.expiry);
    const expiry = setTimeout(() => {
      this.typing.delete(key);
      this.events.publish(new TypingChangedEvent(conversation, userId, false));
    }, TYPING_EXPIRY_MS);
    expiry.unref();
    const repeat = !current || now - current.sentAt >= TYPING_REPEAT_MS;
    this.typing.set(key, { expiry, sentAt: repeat ? now : current.sentAt });
    if (repeat) this.events.publish(new TypingChangedEvent(conversation, userId, true));
  }

  /** How many people are typing somewhere (for tests and metrics). */
  get size(): number {
    return this.typing.size;
  }

  onApplicationShutdown(): void {
    for (const [key, t] of this.typing) this.end(key, t);
  }

  private end(key: string, t: Typing): void {
    clearTimeout(t.expiry);
    this.typing.delete(key);
  }
}
