/**
 * Where server events go. Durable streams are also Socket.IO rooms (docs/protocol.md section 4);
 * the role room and the socket itself carry ephemeral events only.
 */
export const CHANNELS = {
  siteStaff: {
    address: 'site:{siteId}:staff',
    durable: true,
    description: 'Site staff of a site: its supervisors and managers, and every admin.',
    parameter: 'siteId',
  },
  siteGuards: {
    address: 'site:{siteId}:guards',
    durable: true,
    description: 'The guards assigned to a site.',
    parameter: 'siteId',
  },
  user: {
    address: 'user:{userId}',
    durable: true,
    description: 'One user’s own stream: every socket of that user.',
    parameter: 'userId',
  },
  role: {
    address: 'role:{role}',
    durable: false,
    description: 'Every socket of one role (admins’ dashboard_stats and presence); no stream.',
    parameter: 'role',
  },
  socket: {
    address: null,
    durable: false,
    description: 'One socket: session control events (no room).',
    parameter: null,
  },
} as const;
export type ChannelKind = keyof typeof CHANNELS;
