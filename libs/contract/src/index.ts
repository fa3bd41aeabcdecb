/**
 * The PatrolShield realtime contract (docs/protocol.md) as TypeScript: command names with payload
 * and ack types, server event names with their data, rooms and streams, error codes, the envelope
 * and the ack. The server, the SDK, the console and the tests compile against it, so an event name
 * is spelt here once. No runtime dependencies: browsers and integrations import it without the server.
 */
export * from './basics.js';
export * from './commands.js';
export * from './events.js';
export * from './streams.js';
export * from './views.js';
export * from './vocabulary.js';
export type { NoneMissing } from './complete-list.js';
export * from './socket-events.js';
/** The contract at run time: what each command and server event is, for documents and checks. */
export * from './catalogue/index.js';
