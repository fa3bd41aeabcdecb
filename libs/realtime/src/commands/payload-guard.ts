import { SOCKET_PAYLOAD_LIMITS } from '#core';

/**
 * The socket payload rule lives in core (validation/payload-shape.ts) so REST bodies, queries and
 * paths are checked by the same depth and character rule; sockets use it with their size limits.
 */
export { checkPayload } from '#core';
export const MAX_PAYLOAD_BYTES = SOCKET_PAYLOAD_LIMITS.maxBytes;
