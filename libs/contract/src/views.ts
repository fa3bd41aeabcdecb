import type { Envelope, GpsFix, Role } from './basics.js';
import type { IncidentPriority, IncidentStatus, IncidentType, PanicStatus, PanicType } from './vocabulary.js';

export type {
  IncidentPriority,
  IncidentStatus,
  IncidentType,
  PanicStatus,
  PanicType,
  ScanResult,
} from './vocabulary.js';

/**
 * The server's views as events and acks carry them. They are open records: the contract names
 * their key fields, the server may add more.
 */

/** Why an `update_location` was not accepted (docs/protocol.md section 14). */
export type LocationRejection = 'DUPLICATE' | 'OUT_OF_ORDER' | 'TOO_FREQUENT' | 'IMPOSSIBLE_SPEED';
/** The `reason` of `session_revoked`. */
export type RevocationReason = 'USER_DEACTIVATED' | 'PASSWORD_CHANGED' | 'ACCESS_REMOVED';

export interface Panic {
  id: string;
  type: PanicType;
  status: PanicStatus;
  guard?: unknown;
  location?: GpsFix;
  batteryLevel?: number | null;
  raisedAt?: string;
  [k: string]: unknown;
}
export interface Incident {
  id: string;
  siteId: string;
  status: IncidentStatus;
  priority: IncidentPriority;
  type: IncidentType;
  title: string;
  [k: string]: unknown;
}
export interface PatrolRun {
  id: string;
  status: string;
  [k: string]: unknown;
}
export interface Shift {
  id: string;
  [k: string]: unknown;
}
export type ConversationKind = 'site' | 'direct';
/** docs/protocol.md section 9. `text` is null once deleted (`deletedAt` set). */
export interface Message {
  id: string;
  conversationId: string;
  kind: ConversationKind;
  siteId: string | null;
  sender: { id: string; name: string; role: Role };
  text: string | null;
  requiresAck: boolean;
  acknowledgedBy: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}
/** Exactly one target: an existing conversation, a site's conversation, or a direct one. */
export type MessageTarget =
  | { conversationId: string; siteId?: never; toUserId?: never }
  | { siteId: string; conversationId?: never; toUserId?: never }
  | { toUserId: string; conversationId?: never; siteId?: never };

/** One stream's page in a `sync` answer; `hasMore`: capped at 500 events, sync again from the last seq. */
export interface StreamPage {
  head: number;
  events: Envelope[];
  truncated: boolean;
  hasMore?: boolean;
}

export interface LocationPoint {
  userId: string;
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  batteryLevel: number | null;
  recordedAt: string;
}

/** The first event on every socket: who it is, what it may read, and the heads of those streams. */
export interface Session {
  userId: string;
  role: Role;
  name: string;
  siteIds: string[];
  streams: Record<string, number>;
  expiresAt: string;
  serverTime: string;
}
