import {
  CHANNELS,
  COMMAND_CATALOGUE,
  ERROR_CODES,
  HANDSHAKE_ERROR_CODES,
  SERVER_EVENT_CATALOGUE,
  SHARED_SCHEMAS,
  type ChannelKind,
  type CommandEntry,
  type JsonSchema,
  type ServerEventEntry,
} from '#contract';

type Json = Record<string, unknown>;
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const messageRef = (key: string) => ({ $ref: `#/components/messages/${key}` });
const channelMessageRef = (channel: string, key: string) => ({
  $ref: `#/channels/${channel}/messages/${key}`,
});

/** What a durable event is on the wire: the Envelope with this type and this data. */
function envelopeOf(type: string, data: JsonSchema): JsonSchema {
  const envelope = SHARED_SCHEMAS.Envelope;
  return {
    ...envelope,
    properties: { ...envelope.properties, type: { type: 'string', const: type }, data },
  };
}

/** The ack callback's argument: `{ ok: true, data }` or `{ ok: false, error }` (section 3). */
const ackOf = (data: JsonSchema): JsonSchema => ({
  oneOf: [
    {
      type: 'object',
      properties: { ok: { type: 'boolean', const: true }, data },
      required: ['ok', 'data'],
      additionalProperties: false,
    },
    schemaRef('AckFailure'),
  ],
});

const commandMessage = (name: string, c: CommandEntry) => ({
  name,
  title: name,
  summary: c.summary,
  description: `Who: ${c.who} (roles: ${c.roles.join(', ')}). docs/protocol.md section ${c.section}.`,
  payload: c.payload,
  'x-roles': c.roles,
  'x-protocol-section': c.section,
});
const ackMessage = (name: string, c: CommandEntry) => ({
  name: `${name} ack`,
  title: `${name} ack`,
  summary: `The ack of ${name}: its data, or an error with a code.`,
  payload: ackOf(c.ack),
});
const eventMessage = (name: string, e: ServerEventEntry) => ({
  name,
  title: name,
  summary: e.summary,
  description:
    `${e.durable ? 'Durable: in the Envelope, with a seq per stream, replayed by sync' : 'Ephemeral: latest state, no seq, not replayed'}. ` +
    `To: ${e.audience}. docs/protocol.md section ${e.section}.`,
  payload: e.durable ? envelopeOf(name, e.data) : e.data,
  'x-durable': e.durable,
  'x-protocol-section': e.section,
});

/**
 * One event on one kind of room: a channel of its own rather than one channel per room kind
 * holding every event, because the parser expands each operation's channel with all its messages
 * (a room channel of 35 events took the browser's parse to about 30 s).
 */
function roomChannel(kind: ChannelKind, event: string): Json {
  const room = CHANNELS[kind];
  return {
    address: room.address,
    title: `${room.address ?? 'the socket'}: ${event}`,
    description: `${room.description}${room.durable ? ' A durable stream: events carry a seq and are replayed by sync.' : ''}`,
    ...(room.parameter ? { parameters: { [room.parameter]: { description: `the ${room.parameter}` } } } : {}),
    messages: { event: messageRef(`${event}.event`) },
  };
}

const DESCRIPTION = [
  'The PatrolShield realtime contract: Socket.IO v4 on the default namespace `/`, path `/socket.io`, ' +
    'transports websocket and polling. The people’s version is docs/protocol.md in the repository.',
  '',
  'This document describes the **server**: it *receives* commands (each answered through the ' +
    'Socket.IO ack callback: the operation’s reply) and *sends* events to streams and rooms.',
  '',
  '- Connect with `auth: { token }` (raw or `Bearer <jwt>`) and, on mobile devices, `auth.deviceId`. ' +
    `A refused handshake ends in \`connect_error\` with \`err.data = { code, message }\`, code one of ${HANDSHAKE_ERROR_CODES.map((c) => `\`${c}\``).join(', ')}.`,
  '- Every command takes one object payload (at most 32 KiB serialised; unknown fields are refused) and ' +
    'an optional `clientEventId` (UUID): a retry with the same id by the same user applies once.',
  `- Acks are \`{ ok: true, data }\` or \`{ ok: false, error: { code, message, details?, retryable } }\`, code one of ${ERROR_CODES.map((c) => `\`${c}\``).join(', ')}. ` +
    'A failed command sent without an ack callback is answered with the `exception` event.',
  '- Durable events arrive in an Envelope `{ id, type, stream, seq, siteId, occurredAt, actor, data }`; ' +
    'after a reconnect, `sync` with the last seq per stream returns what was missed.',
  '- The REST back office is documented in OpenAPI at `/api/docs`.',
].join('\n');

/**
 * The AsyncAPI 3.0 document of the realtime contract, built from the contract's catalogue.
 * `host` is where the reader reached this server (the request's Host), so the document's server
 * entry is an address that works for them.
 */
export function buildAsyncApiDocument(host: string, version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};

  for (const [name, c] of Object.entries(COMMAND_CATALOGUE) as [string, CommandEntry][]) {
    messages[`${name}.command`] = commandMessage(name, c);
    messages[`${name}.ack`] = ackMessage(name, c);
    const channel = `${name}.command`;
    channels[channel] = {
      address: null,
      title: name,
      description: `Sent on the client's own socket: \`socket.emit('${name}', payload, ack)\`.`,
      messages: { command: messageRef(`${name}.command`), ack: messageRef(`${name}.ack`) },
    };
    operations[`receive.${name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      title: name,
      summary: c.summary,
      messages: [channelMessageRef(channel, 'command')],
      reply: { channel: { $ref: `#/channels/${channel}` }, messages: [channelMessageRef(channel, 'ack')] },
    };
  }

  for (const [name, e] of Object.entries(SERVER_EVENT_CATALOGUE) as [string, ServerEventEntry][]) {
    messages[`${name}.event`] = eventMessage(name, e);
    for (const kind of e.to) {
      const channel = `${name}.${kind}`;
      channels[channel] = roomChannel(kind, name);
      operations[`send.${channel}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        title: name,
        summary: e.summary,
        description: `To: ${e.audience}.`,
        messages: [channelMessageRef(channel, 'event')],
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'PatrolShield realtime API',
      version,
      description: DESCRIPTION,
    },
    defaultContentType: 'application/json',
    servers: {
      patrolshield: {
        host,
        protocol: 'ws',
        pathname: '/socket.io',
        title: 'This server',
        description: 'Socket.IO v4 (websocket or polling transport), namespace `/`.',
        security: [{ $ref: '#/components/securitySchemes/accessToken' }],
      },
    },
    channels,
    operations,
    components: {
      schemas: {
        ...SHARED_SCHEMAS,
        AckFailure: {
          type: 'object',
          properties: { ok: { type: 'boolean', const: false }, error: schemaRef('AckError') },
          required: ['ok', 'error'],
          additionalProperties: false,
        },
        HandshakeError: {
          type: 'object',
          description: '`err.data` of the client’s connect_error when the handshake is refused.',
          properties: { code: { type: 'string', enum: HANDSHAKE_ERROR_CODES }, message: { type: 'string' } },
          required: ['code', 'message'],
        },
      },
      messages,
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The access token of POST /api/v1/auth/login, in the handshake as `auth: { token }` ' +
            '(or the Authorization header for non-browser clients).',
        },
      },
    },
  };
}
