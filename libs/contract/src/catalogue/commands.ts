import type { CommandName, Role } from './names.js';
import {
  arrayOf,
  bool,
  closed,
  dateTime,
  described,
  int,
  num,
  oneOfValues,
  open,
  ref,
  text,
  uuid,
  type JsonSchema,
} from './json-schema.js';
import { ROLES } from './shared-schemas.js';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  PANIC_TYPES,
  SCAN_RESULTS,
} from '../vocabulary.js';

/** One client-to-server command: who may send it, its payload and the data of its ok ack. */
export interface CommandEntry {
  summary: string;
  /** The roles the server lets send it at all; `who` adds the site-level rule its handler checks. */
  roles: readonly Role[];
  who: string;
  /** The docs/protocol.md section that describes it. */
  section: number;
  payload: JsonSchema;
  ack: JsonSchema;
}

const STAFF = ['supervisor', 'manager', 'admin'] as const satisfies readonly Role[];
const GUARD = ['guard'] as const satisfies readonly Role[];

/** Every command accepts a clientEventId; unknown fields are refused. */
const payload = (required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}) =>
  closed(required, { ...optional, clientEventId: ref('ClientEventId') });
const data = open;
const only = (name: string) => data({ [name]: ref(name[0].toUpperCase() + name.slice(1)) });

export const COMMAND_CATALOGUE = {
  panic_alert: {
    summary: 'A guard raises a panic; a second one while one is active returns the active one.',
    roles: GUARD,
    who: 'guard',
    section: 4,
    payload: payload(
      { location: ref('GpsFix') },
      {
        type: described('default PANIC', oneOfValues(PANIC_TYPES)),
        siteId: described('needed when the guard works several sites and is off shift', uuid),
        patrolRunId: uuid,
        batteryLevel: described('percent, a whole number', int(0, 100)),
        message: text(500),
        recordedAt: ref('DeviceTime'),
      },
    ),
    ack: data({ panicId: uuid, duplicate: bool }),
  },
  panic_acknowledge: {
    summary: 'Site staff take charge of a panic.',
    roles: STAFF,
    who: 'site staff',
    section: 4,
    payload: payload({ panicId: uuid }),
    ack: only('panic'),
  },
  panic_resolve: {
    summary: 'Site staff close a panic.',
    roles: STAFF,
    who: 'site staff',
    section: 4,
    payload: payload({ panicId: uuid }, { notes: text(2000) }),
    ack: only('panic'),
  },
  create_incident: {
    summary: 'Report an incident at a site.',
    roles: ROLES,
    who: 'any member of the site',
    section: 3,
    payload: payload(
      {
        siteId: uuid,
        type: oneOfValues(INCIDENT_TYPES),
        priority: oneOfValues(INCIDENT_PRIORITIES),
        title: text(200, 1),
      },
      { description: text(5000), location: ref('GpsFix'), recordedAt: ref('DeviceTime') },
    ),
    ack: only('incident'),
  },
  assign_incident: {
    summary: 'Site staff assign an incident to a member of the site.',
    roles: STAFF,
    who: 'site staff',
    section: 3,
    payload: payload({ incidentId: uuid, assigneeId: uuid }),
    ack: only('incident'),
  },
  update_incident: {
    summary: "Change an incident's status or priority, or add a note.",
    roles: ROLES,
    who: 'site staff or the assignee',
    section: 3,
    payload: payload(
      { incidentId: uuid },
      {
        status: oneOfValues(INCIDENT_STATUSES),
        priority: oneOfValues(INCIDENT_PRIORITIES),
        note: text(2000, 1),
      },
    ),
    ack: only('incident'),
  },
  resolve_incident: {
    summary: 'Resolve an incident with a resolution text.',
    roles: ROLES,
    who: 'site staff or the assignee',
    section: 3,
    payload: payload({ incidentId: uuid, resolution: text(5000, 1) }),
    ack: only('incident'),
  },
  start_patrol: {
    summary: 'A guard starts a patrol run of a route.',
    roles: GUARD,
    who: 'guard assigned to the route’s site',
    section: 3,
    payload: payload({ routeId: uuid }),
    ack: only('patrolRun'),
  },
  scan_checkpoint: {
    summary: 'A guard scans a checkpoint of the run (the code its QR or NFC tag holds).',
    roles: GUARD,
    who: 'the guard of that run',
    section: 3,
    payload: payload(
      { patrolRunId: uuid, checkpointCode: text(100, 1) },
      { location: ref('GpsFix'), recordedAt: ref('DeviceTime') },
    ),
    ack: data({ result: oneOfValues(SCAN_RESULTS), progress: ref('Progress') }),
  },
  complete_patrol: {
    summary: 'A guard ends a patrol run.',
    roles: GUARD,
    who: 'the guard of that run',
    section: 3,
    payload: payload({ patrolRunId: uuid }),
    ack: only('patrolRun'),
  },
  shift_start: {
    summary: 'A guard clocks in at a site.',
    roles: GUARD,
    who: 'guard assigned to the site',
    section: 3,
    payload: payload({ siteId: uuid }, { location: ref('GpsFix'), recordedAt: ref('DeviceTime') }),
    ack: only('shift'),
  },
  shift_end: {
    summary: 'A guard clocks out (ends a patrol run still in progress).',
    roles: GUARD,
    who: 'guard on shift',
    section: 3,
    payload: payload({}, { shiftId: uuid, location: ref('GpsFix'), recordedAt: ref('DeviceTime') }),
    ack: only('shift'),
  },
  update_location: {
    summary:
      'A GPS fix of a guard on shift; batched to site staff, at once while the guard’s panic is active.',
    roles: GUARD,
    who: 'guard on shift (else FORBIDDEN, details.reason NOT_ON_SHIFT)',
    section: 3,
    payload: payload(
      { lat: num(-90, 90), lng: num(-180, 180) },
      {
        accuracy: num(0, 100_000),
        heading: num(0, 360),
        speed: num(0, 1000),
        batteryLevel: described('percent, a whole number', int(0, 100)),
        recordedAt: ref('DeviceTime'),
      },
    ),
    ack: data(
      {
        accepted: bool,
        nextIntervalMs: described(
          'the server’s hint: longer while the guard stands still; 1000 in a panic',
          int(0),
        ),
      },
      { reason: oneOfValues(['DUPLICATE', 'OUT_OF_ORDER', 'TOO_FREQUENT', 'IMPOSSIBLE_SPEED']) },
    ),
  },
  join_site: {
    summary: 'Staff open a live view of a site: a snapshot now, its live events after.',
    roles: STAFF,
    who: 'staff of that site, admin',
    section: 3,
    payload: payload({ siteId: uuid }),
    ack: data({ snapshot: open({}) }),
  },
  leave_site: {
    summary: 'Staff close the live view of a site.',
    roles: STAFF,
    who: 'staff of that site, admin',
    section: 3,
    payload: payload({ siteId: uuid }),
    ack: closed({}),
  },
  get_presence: {
    summary: 'Who of a site is online.',
    roles: STAFF,
    who: 'site staff',
    section: 3,
    payload: payload({ siteId: uuid }),
    ack: data({
      users: arrayOf(
        closed({
          userId: uuid,
          role: ref('Role'),
          status: oneOfValues(['online', 'offline']),
          since: dateTime,
        }),
      ),
    }),
  },
  sync: {
    summary: 'Catch up after a disconnection: every durable event after the given seq, per stream.',
    roles: ROLES,
    who: 'anyone, for the streams they may read',
    section: 4,
    payload: payload({
      cursors: described('stream name to the last seq seen (at most 500 streams)', {
        type: 'object',
        maxProperties: 500,
        additionalProperties: int(0),
      }),
    }),
    ack: data({ streams: { type: 'object', additionalProperties: ref('StreamPage') } }),
  },
  auth_refresh: {
    summary: 'Hand a fresh access token of the same user to a live socket.',
    roles: ROLES,
    who: 'anyone',
    section: 2,
    payload: payload({ token: text(4096, 10) }),
    ack: data({ expiresAt: dateTime }),
  },
  message_send: {
    summary: 'Send a message: exactly one of conversationId, siteId (the site conversation), toUserId.',
    roles: ROLES,
    who: 'member; requiresAck: site staff, site conversations',
    section: 9,
    payload: payload(
      { text: text(2000, 1) },
      {
        conversationId: uuid,
        siteId: uuid,
        toUserId: uuid,
        requiresAck: described('a dispatch order the site’s guards acknowledge', bool),
      },
    ),
    ack: only('message'),
  },
  message_edit: {
    summary: 'Edit one’s own message, within 15 min.',
    roles: ROLES,
    who: 'author',
    section: 9,
    payload: payload({ messageId: uuid, text: text(2000, 1) }),
    ack: only('message'),
  },
  message_delete: {
    summary: 'Delete a message (its text is removed, deletedAt set).',
    roles: ROLES,
    who: 'author; site staff for site conversations',
    section: 9,
    payload: payload({ messageId: uuid }),
    ack: only('message'),
  },
  message_read: {
    summary: 'Move one’s read marker of a conversation forward (never back).',
    roles: ROLES,
    who: 'member',
    section: 9,
    payload: payload({ conversationId: uuid, upToMessageId: uuid }),
    ack: data({ conversationId: uuid, upToMessageId: uuid }),
  },
  message_acknowledge: {
    summary: 'A guard of the site acknowledges a dispatch order.',
    roles: GUARD,
    who: 'a guard of the site, for requiresAck messages',
    section: 9,
    payload: payload({ messageId: uuid }),
    ack: only('message'),
  },
  typing: {
    summary: 'Tell the other members one is typing; throttled, never audited, never stored.',
    roles: ROLES,
    who: 'member',
    section: 9,
    payload: payload({ conversationId: uuid, typing: bool }),
    ack: closed({}),
  },
} satisfies Record<CommandName, CommandEntry>;
