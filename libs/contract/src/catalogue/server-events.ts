import type { ServerEventName } from './names.js';
import type { ChannelKind } from './channels.js';
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
  uuid,
  type JsonSchema,
} from './json-schema.js';
import { ERROR_CODES } from './shared-schemas.js';
import { SCAN_RESULTS } from '../vocabulary.js';

/** One server-to-client event: durable (in an Envelope, with a seq per stream) or ephemeral. */
export interface ServerEventEntry {
  summary: string;
  durable: boolean;
  /** The streams or rooms it is published to; `audience` says who of them in words. */
  to: readonly ChannelKind[];
  audience: string;
  section: number;
  /** The event's data: the Envelope's `data` of a durable event, the whole message of an ephemeral one. */
  data: JsonSchema;
}

const durable = (
  summary: string,
  section: number,
  to: readonly ChannelKind[],
  audience: string,
  data: JsonSchema,
): ServerEventEntry => ({ summary, durable: true, to, audience, section, data });
const ephemeral = (
  summary: string,
  section: number,
  to: readonly ChannelKind[],
  audience: string,
  data: JsonSchema,
): ServerEventEntry => ({ summary, durable: false, to, audience, section, data });

const STAFF_AND_USER = ['siteStaff', 'user'] as const;
const CONVERSATION = ['siteStaff', 'siteGuards', 'user'] as const;
const IN_CONVERSATION = 'site conversation: the site’s staff and guards; direct: both users';
const panic = ref('Panic');
const incident = ref('Incident');
const message = ref('Message');
const patrolRun = ref('PatrolRun');
const scheduledShift = ref('ScheduledShift');
const userRef = open({ id: uuid, name: { type: 'string' } });
const expiresAt = closed({ expiresAt: dateTime });

export const SERVER_EVENT_CATALOGUE = {
  panic_alert: durable(
    'A guard raised a panic; broadcast with acknowledgement: staff devices confirm receipt.',
    4,
    ['siteStaff'],
    'site staff',
    open({ panic }),
  ),
  panic_acknowledged: durable(
    'Staff took charge of a panic.',
    4,
    STAFF_AND_USER,
    'site staff, the raiser',
    open({ panic, acknowledgedBy: userRef }),
  ),
  panic_escalated: durable(
    'A panic was not acknowledged in time, or no staff device confirmed its receipt.',
    4,
    ['siteStaff', 'user'],
    "level 2: the site's managers and admins; level 3: every admin and manager",
    open({ panic, level: { type: 'integer', enum: [2, 3] }, reason: { type: 'string' } }),
  ),
  panic_resolved: durable(
    'A panic was closed.',
    4,
    STAFF_AND_USER,
    'site staff, the raiser',
    open({ panic, resolvedBy: userRef }, { notes: nullable({ type: 'string' }) }),
  ),
  panic_delivery: durable(
    'How many staff devices confirmed the panic in the receipt window.',
    14,
    ['user'],
    'the raising guard',
    closed({ panicId: uuid, confirmedBy: int(0) }),
  ),
  backup_requested: durable(
    'A guard on shift near a panic at their site is asked to help; nearest first.',
    11,
    ['user'],
    'each nearby guard',
    open({ panic, distanceM: num(0) }),
  ),
  incident_created: durable(
    'An incident was reported.',
    4,
    STAFF_AND_USER,
    'site staff, the reporter',
    open({ incident }),
  ),
  incident_assigned: durable(
    'An incident was assigned.',
    4,
    STAFF_AND_USER,
    'site staff, the assignee, the reporter',
    open({ incident, assignee: userRef }),
  ),
  incident_updated: durable(
    'An incident’s status, priority or notes changed.',
    4,
    STAFF_AND_USER,
    'site staff, the assignee, the reporter',
    open({ incident, changes: open({}) }),
  ),
  incident_resolved: durable(
    'An incident was resolved.',
    4,
    STAFF_AND_USER,
    'site staff, the assignee, the reporter',
    open({ incident }),
  ),
  patrol_started: durable(
    'A guard started a patrol run.',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ patrolRun }),
  ),
  patrol_completed: durable(
    'A patrol run ended (by the guard, or by the guard’s clock-out: endedBy SHIFT_END).',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ patrolRun }),
  ),
  checkpoint_scanned: durable(
    'A checkpoint of a run was scanned.',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({
      patrolRunId: uuid,
      checkpoint: open({}),
      result: oneOfValues(SCAN_RESULTS),
      progress: ref('Progress'),
    }),
  ),
  patrol_timeout: durable(
    'A run missed a checkpoint’s deadline or its expected duration.',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({
      patrolRun,
      reason: oneOfValues(['CHECKPOINT_MISSED', 'OVERDUE']),
      missedCheckpoints: arrayOf({}),
    }),
  ),
  patrol_timeout_cleared: durable(
    'A late-delivered offline scan made in time retracts a CHECKPOINT_MISSED.',
    14,
    STAFF_AND_USER,
    'site staff, the guard',
    open({
      patrolRun,
      reason: oneOfValues(['CHECKPOINT_MISSED']),
      missedCheckpoints: arrayOf({}),
      clearedBy: open({}),
    }),
  ),
  shift_started: durable(
    'A guard clocked in.',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ shift: ref('Shift'), insideGeofence: nullable(bool) }),
  ),
  shift_ended: durable(
    'A guard clocked out.',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ shift: ref('Shift'), insideGeofence: nullable(bool) }),
  ),
  shift_missed: durable(
    'No clock-in within the grace period of a planned shift.',
    4,
    ['siteStaff'],
    'site staff',
    open({ scheduledShift }),
  ),
  shift_scheduled: durable(
    'A shift was planned.',
    14,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ scheduledShift }),
  ),
  shift_rescheduled: durable(
    'A planned shift moved.',
    14,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ scheduledShift }),
  ),
  shift_unscheduled: durable(
    'A planned shift was deleted.',
    14,
    STAFF_AND_USER,
    'site staff, the guard',
    open({ scheduledShiftId: uuid, guardId: uuid, siteId: uuid }),
  ),
  geofence_breach: durable(
    'A guard on shift left the site’s geofence (once per exit).',
    4,
    STAFF_AND_USER,
    'site staff, the guard',
    open({
      userId: uuid,
      location: closed(
        { lat: num(-90, 90), lng: num(-180, 180), recordedAt: dateTime },
        { accuracy: nullable(described('metres', num(0, 100_000))) },
      ),
      site: open({}),
    }),
  ),
  guard_stale: durable(
    'A guard on shift sent no location, or had no connection, for longer than the grace period.',
    4,
    ['siteStaff'],
    'site staff',
    open({
      userId: uuid,
      lastSeenAt: nullable(dateTime),
      reason: oneOfValues(['NO_LOCATION', 'DISCONNECTED']),
    }),
  ),
  site_unwatched: durable(
    'Guards on shift and no staff connected for longer than the grace period.',
    4,
    ['siteStaff'],
    'site staff',
    open({ siteId: uuid, guardsOnShift: int(0), since: dateTime }),
  ),
  message_created: durable('A message was sent.', 9, CONVERSATION, IN_CONVERSATION, open({ message })),
  message_edited: durable('A message was edited.', 9, CONVERSATION, IN_CONVERSATION, open({ message })),
  message_deleted: durable(
    'A message was deleted (text null, deletedAt set).',
    9,
    CONVERSATION,
    IN_CONVERSATION,
    open({ message }),
  ),
  messages_read: durable(
    'A member’s read marker moved.',
    9,
    CONVERSATION,
    IN_CONVERSATION,
    open({ conversationId: uuid, userId: uuid, upToMessageId: uuid, readAt: dateTime }),
  ),
  message_acknowledged: durable(
    'A guard acknowledged a dispatch order.',
    9,
    CONVERSATION,
    IN_CONVERSATION,
    open({ message, userId: uuid }),
  ),
  message_unacknowledged: durable(
    'Guards on shift at the site did not acknowledge a dispatch order in time.',
    9,
    ['siteStaff'],
    'site staff',
    open({ message, missing: arrayOf(uuid) }),
  ),
  location_batch: ephemeral(
    'The latest fix of each guard of a site in the batch window (LOCATION_BATCH_MS).',
    4,
    ['siteStaff'],
    'site staff',
    open({
      siteId: uuid,
      windowStart: dateTime,
      windowEnd: dateTime,
      locations: arrayOf(ref('LocationPoint')),
    }),
  ),
  location_update: ephemeral(
    'Each fix of a guard whose panic is active, at once.',
    11,
    ['siteStaff'],
    'site staff',
    open({ userId: uuid, panicId: uuid, location: open({ lat: num(-90, 90), lng: num(-180, 180) }) }),
  ),
  presence_changed: ephemeral(
    'A user came online, or went offline (30 s without any socket).',
    4,
    ['siteStaff', 'role'],
    'staff of the user’s sites, admins',
    open({ userId: uuid, role: ref('Role'), status: oneOfValues(['online', 'offline']), at: dateTime }),
  ),
  dashboard_stats: ephemeral(
    'Counts for the dashboard, every 10 s.',
    4,
    ['role', 'user'],
    'admins (every site); managers (their sites)',
    open(
      {
        activePanics: int(0),
        openIncidents: int(0),
        guardsOnShift: int(0),
        guardsOnline: int(0),
        patrolsInProgress: int(0),
        overduePatrols: int(0),
      },
      { sitesWithoutPanicNotification: described('admins only', arrayOf(uuid)) },
    ),
  ),
  session: ephemeral(
    'The first event of a socket: who it is and the head seq of each readable stream.',
    2,
    ['socket'],
    'that socket',
    open({
      userId: uuid,
      role: ref('Role'),
      name: { type: 'string' },
      siteIds: arrayOf(uuid),
      streams: { type: 'object', additionalProperties: int(0) },
      expiresAt: dateTime,
      serverTime: dateTime,
    }),
  ),
  session_expiring: ephemeral(
    'The access token expires in about 60 s: call auth_refresh.',
    2,
    ['socket'],
    'that socket',
    expiresAt,
  ),
  session_expired: ephemeral(
    'The token expired: the socket is closed; refresh the token, then reconnect.',
    2,
    ['socket'],
    'that socket',
    open({ expiresAt: dateTime }, { reason: { type: 'string' } }),
  ),
  session_revoked: ephemeral(
    'The user was deactivated or changed their password: do not reconnect, log in again.',
    14,
    ['socket'],
    'every socket of the user',
    open({}, { reason: { type: 'string' } }),
  ),
  assignments_changed: ephemeral(
    'The user’s sites or role changed; rooms were changed already.',
    2,
    ['socket'],
    'every socket of the user',
    open({ siteIds: arrayOf(uuid), role: ref('Role') }),
  ),
  exception: ephemeral(
    'A command sent without an ack callback failed.',
    3,
    ['socket'],
    'that socket',
    open({ event: { type: 'string' }, code: oneOfValues(ERROR_CODES), message: { type: 'string' } }),
  ),
  server_shutdown: ephemeral(
    'The node is stopping: reconnect (through the proxy, to another node).',
    14,
    ['socket'],
    'every socket of the node',
    open({ reconnect: bool }),
  ),
  typing: ephemeral(
    'Another member started or stopped typing; the server sends typing: false 6 s after the last true.',
    9,
    CONVERSATION,
    'the other members of the conversation',
    open({ conversationId: uuid, userId: uuid, typing: bool }),
  ),
} satisfies Record<ServerEventName, ServerEventEntry>;
