/** The typed contract the catalogue is checked against: its command and server event names. */
export type {
  CommandName,
  DurableEventName,
  EphemeralEventName,
  ErrorCode,
  HandshakeErrorCode,
  Role,
  ServerEventName,
} from '../index.js';
