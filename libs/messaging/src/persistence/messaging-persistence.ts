import { Messaging1732624000000 } from './1732624000000-messaging.js';
import {
  ConversationEntity,
  ConversationReadEntity,
  MessageAckEntity,
  MessageEntity,
} from './messaging.entity.js';

/** What the messaging feature stores; collected by apps/api/src/persistence.ts. */
export const messagingEntities: (new () => unknown)[] = [
  ConversationEntity,
  MessageEntity,
  MessageAckEntity,
  ConversationReadEntity,
];
export const messagingMigrations: (new () => unknown)[] = [Messaging1732624000000];
