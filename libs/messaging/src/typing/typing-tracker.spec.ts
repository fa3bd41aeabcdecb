import { jest } from '@jest/globals';
import type { EventBus } from '@nestjs/cqrs';
import type { ConversationRef } from '../domain/conversation.js';
import type { TypingChangedEvent } from '../events/message-events.js';
import { TYPING_EXPIRY_MS, TYPING_REPEAT_MS, TypingTracker } from './typing-tracker.js';

const conversation: ConversationRef = { id: 'c', kind: 'direct', siteId: null, userIds: ['a', 'b'] };

describe('TypingTracker', () => {
  let published: { userId: string; typing: boolean }[];
  let tracker: TypingTracker;
  beforeEach(() => {
    jest.useFakeTimers();
    published = [];
    const bus = {
      publish: (e: TypingChangedEvent) => published.push({ userId: e.userId, typing: e.typing }),
    };
    tracker = new TypingTracker(bus as unknown as EventBus);
  });
  afterEach(() => {
    tracker.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('passes a start on, and ends it itself TYPING_EXPIRY_MS after the last start', () => {
    tracker.set(conversation, 'a', true, 0);
    jest.advanceTimersByTime(TYPING_REPEAT_MS - 1000);
    tracker.set(conversation, 'a', true, TYPING_REPEAT_MS - 1000); // repeat: extends, not passed on
    jest.advanceTimersByTime(TYPING_EXPIRY_MS - 1);
    expect(published).toEqual([{ userId: 'a', typing: true }]);
    jest.advanceTimersByTime(1);
    expect(published).toEqual([
      { userId: 'a', typing: true },
      { userId: 'a', typing: false },
    ]);
    expect(tracker.size).toBe(0);
  });

  it('passes a repeated start on once per TYPING_REPEAT_MS, and a stop only while typing', () => {
    tracker.set(conversation, 'a', true, 0);
    tracker.set(conversation, 'a', true, TYPING_REPEAT_MS - 1);
    tracker.set(conversation, 'a', true, TYPING_REPEAT_MS);
    tracker.set(conversation, 'a', false);
    tracker.set(conversation, 'a', false);
    jest.advanceTimersByTime(TYPING_EXPIRY_MS * 2);
    expect(published.map((p) => p.typing)).toEqual([true, true, false]);
  });
});
