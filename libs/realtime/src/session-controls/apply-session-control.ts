import type { RevocationReason } from '#contract';
import type { Role } from '#core';
import { Rooms } from '../contract/rooms.js';
import { localSocketsIn } from '../session/local-sockets.js';
import { applyPrincipal, revoke } from '../session/socket-principal.js';
import type { PsServer, PsSocket } from '../session/socket-session.js';
import type { SessionControl } from './control-ledger.js';
/**
 * A revocation without a token epoch cuts the sockets whose connection completed up to this long
 * after it was recorded: node and database clocks differ a little, and the handshake may have read
 * the user as active just before. With an epoch, exactly the sockets of older tokens are cut.
 */
const CLOCK_SLACK_MS = 5000;

export function revokes(s: PsSocket, c: SessionControl): boolean {
  const epoch = c.data.tokenEpoch;
  return typeof epoch === 'number'
    ? s.data.tokenEpoch < epoch
    : s.data.connectedAt <= c.createdAt + CLOCK_SLACK_MS;
}

interface MembershipData {
  role: Role;
  siteIds: string[];
  /** The heads of the user's streams when the change was recorded: where new rooms start. */
  heads?: Record<string, number>;
}

/**
 * Joins rooms with the heads a control carries as the socket's known heads, so a stream this node
 * starts following for it begins there (DurableDelivery): every event recorded after the control
 * reaches the socket live, those before through the `sync` that `assignments_changed` prompts.
 */
function withHeads(socket: PsSocket, heads: Record<string, number> | undefined, join: () => void): void {
  socket.data.streamHeads = heads;
  try {
    join();
  } finally {
    socket.data.streamHeads = undefined;
  }
}

/** Applies a session control to this node's sockets (each node does, once: see ControlLedger). */
export function applyControl(io: PsServer, c: SessionControl): void {
  if (c.kind === 'revoke' && c.userId) {
    for (const s of localSocketsIn(io, Rooms.user(c.userId)))
      if (revokes(s, c)) revoke(s, c.data.reason as RevocationReason);
  } else if (c.kind === 'membership' && c.userId) {
    const { role, siteIds, heads } = c.data as unknown as MembershipData;
    for (const s of localSocketsIn(io, Rooms.user(c.userId))) {
      withHeads(s, heads, () => applyPrincipal(s, role, siteIds));
      s.emit('assignments_changed', { siteIds, role });
    }
  } else if (c.kind === 'site_created') {
    const { siteId, heads } = c.data as { siteId: string; heads?: Record<string, number> };
    for (const s of localSocketsIn(io, Rooms.role('admin'))) {
      const p = s.data.principal;
      if (!p.siteIds.includes(siteId))
        withHeads(s, heads, () => applyPrincipal(s, p.role, [...p.siteIds, siteId]));
    }
  }
}
