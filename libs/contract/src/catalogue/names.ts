/**
 * The typed contract the catalogue is checked against: its command and server event names.
 * The one import of the catalogue from the contract's types, so moving them changes this file only.
 */
export type {
  CommandName,
  DurableEventName,
  EphemeralEventName,
  ErrorCode,
  HandshakeErrorCode,
  Role,
  ServerEventName,
} from '#client';
