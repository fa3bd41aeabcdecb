import {
  arrayOf,
  bool,
  closed,
  dateTime,
  described,
  int,
  nullable,
  num,
  oneOfValues,
  open,
  ref,
  text,
  uuid,
  type JsonSchema,
} from './json-schema.js';
import { ErrorCode, ROLES } from '../basics.js';
import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  PANIC_STATUSES,
  PANIC_TYPES,
} from '../vocabulary.js';

export { ROLES };

/** The ack error codes as a list, for schemas (the contract spells them once, in basics.ts). */
export const ERROR_CODES = Object.values(ErrorCode);

const progress = closed({ scanned: int(0), total: int(0) });
const userRef = open({ id: uuid, name: { type: 'string' } });

/**
 * The shapes several messages share (components/schemas of the AsyncAPI document). Server views
 * are open records: the contract names their key fields, the server may add more.
 */
export const SHARED_SCHEMAS = {
  Role: oneOfValues(ROLES),
  GpsFix: closed(
    { lat: num(-90, 90), lng: num(-180, 180) },
    { accuracy: described('metres', num(0, 100_000)) },
  ),
  DeviceTime: described(
    'ISO-8601 with zone, the device clock; at most 2 min ahead and 24 h old (docs/protocol.md section 3)',
    dateTime,
  ),
  ClientEventId: described('idempotency key: a retry with the same id applies once (section 3)', uuid),
  Progress: progress,
  Actor: closed({
    userId: nullable(uuid),
    role: oneOfValues([...ROLES, 'system']),
    name: { type: 'string' },
  }),
  AckError: closed(
    {
      code: oneOfValues(ERROR_CODES),
      message: { type: 'string' },
      retryable: bool,
    },
    {
      details: described(
        'VALIDATION_FAILED: [{ field, constraints }]; RATE_LIMITED: { retryAfterMs }; FORBIDDEN: { reason? }',
        {},
      ),
    },
  ),
  Envelope: closed({
    id: described('event id: the same event on several streams keeps it; dedupe by id', uuid),
    type: described('the event name', { type: 'string' }),
    stream: described('site:<siteId>:staff, site:<siteId>:guards or user:<userId>', { type: 'string' }),
    seq: described('1, 2, 3 ... per stream: no gaps, no reuse', int(1)),
    siteId: nullable(uuid),
    occurredAt: dateTime,
    actor: ref('Actor'),
    data: described('the event data (see each event)', {}),
  }),
  Panic: open(
    { id: uuid, type: oneOfValues(PANIC_TYPES), status: oneOfValues(PANIC_STATUSES) },
    {
      guard: userRef,
      location: ref('GpsFix'),
      batteryLevel: nullable(int(0, 100)),
      raisedAt: dateTime,
      backupNotified: arrayOf(uuid),
    },
  ),
  Incident: open(
    {
      id: uuid,
      siteId: uuid,
      status: oneOfValues(INCIDENT_STATUSES),
      priority: oneOfValues(INCIDENT_PRIORITIES),
      type: oneOfValues(INCIDENT_TYPES),
      title: { type: 'string' },
    },
    { reporter: userRef, assignee: nullable(userRef), description: nullable({ type: 'string' }) },
  ),
  PatrolRun: open(
    { id: uuid, status: { type: 'string' } },
    { endedBy: nullable(oneOfValues(['GUARD', 'SHIFT_END'])), skippedCheckpoints: arrayOf({}) },
  ),
  Shift: open({ id: uuid }),
  ScheduledShift: open({ id: uuid }, { guardId: uuid, siteId: uuid, startsAt: dateTime, endsAt: dateTime }),
  Message: closed({
    id: uuid,
    conversationId: uuid,
    kind: oneOfValues(['site', 'direct']),
    siteId: nullable(uuid),
    sender: closed({ id: uuid, name: { type: 'string' }, role: ref('Role') }),
    text: described('null once deleted', nullable(text(2000))),
    requiresAck: bool,
    acknowledgedBy: arrayOf(uuid),
    createdAt: dateTime,
    editedAt: nullable(dateTime),
    deletedAt: nullable(dateTime),
  }),
  LocationPoint: closed({
    userId: uuid,
    lat: num(-90, 90),
    lng: num(-180, 180),
    accuracy: nullable(num(0)),
    heading: nullable(num(0, 360)),
    speed: nullable(num(0)),
    batteryLevel: nullable(int(0, 100)),
    recordedAt: dateTime,
  }),
  StreamPage: closed(
    {
      head: int(0),
      events: arrayOf(ref('Envelope')),
      truncated: described('older events are gone: reload the state over REST', bool),
    },
    {
      hasMore: described('a page holds at most 500 events: sync again from the last seq (section 14)', bool),
    },
  ),
} satisfies Record<string, JsonSchema>;
export type SharedSchemaName = keyof typeof SHARED_SCHEMAS;
