export { CHANNELS, type ChannelKind } from './channels.js';
export { COMMAND_CATALOGUE, type CommandEntry } from './commands.js';
export type { JsonSchema } from './json-schema.js';
export { SERVER_EVENT_CATALOGUE, type ServerEventEntry } from './server-events.js';
export { ERROR_CODES, SHARED_SCHEMAS, type SharedSchemaName } from './shared-schemas.js';
