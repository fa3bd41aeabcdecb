import { AppError } from '#core';
import { siteStanding, type ConversationRef, type Standing } from './conversation.js';

/** How long an author may correct a message. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

export interface MessageFacts {
  senderId: string;
  createdAt: Date;
  deletedAt: Date | null;
  requiresAck: boolean;
  acknowledgedBy: string[];
}

/** A dispatch order (requiresAck) is for site staff, in a site conversation. */
export function assertMayRequireAck(c: ConversationRef, s: Standing): void {
  if (c.kind !== 'site')
    throw AppError.validation(
      [{ field: 'requiresAck', constraints: { siteOnly: 'requiresAck is for site conversations' } }],
      'Only site conversations carry dispatch orders',
    );
  if (siteStanding(s) !== 'staff') throw AppError.forbidden('Only site staff can send dispatch orders');
}

/** The author, within EDIT_WINDOW_MS of sending, on a message not deleted. */
export function assertMayEdit(m: MessageFacts, s: Standing, now: Date): void {
  if (m.senderId !== s.userId) throw AppError.forbidden('Only the author can edit a message');
  if (m.deletedAt) throw AppError.conflict('The message was deleted');
  if (now.getTime() - m.createdAt.getTime() > EDIT_WINDOW_MS)
    throw AppError.conflict('Messages can be edited for 15 minutes after sending');
}

/** The author, or site staff in a site conversation; once. */
export function assertMayDelete(m: MessageFacts, c: ConversationRef, s: Standing): void {
  const staff = c.kind === 'site' && siteStanding(s) === 'staff';
  if (m.senderId !== s.userId && !staff)
    throw AppError.forbidden('Only the author or site staff can delete a message');
  if (m.deletedAt) throw AppError.conflict('The message was already deleted');
}

/**
 * A guard of the site acknowledges a dispatch order that is still there. Returns false when the
 * guard already did (nothing to record again).
 */
export function mayAcknowledge(m: MessageFacts, c: ConversationRef, s: Standing): boolean {
  if (c.kind !== 'site' || siteStanding(s) !== 'guard')
    throw AppError.forbidden('Only guards of the site acknowledge dispatch orders');
  if (!m.requiresAck) throw AppError.conflict('This message does not ask for acknowledgement');
  if (m.deletedAt) throw AppError.conflict('The message was deleted');
  return !m.acknowledgedBy.includes(s.userId);
}

/** Guards on shift at the site who have not acknowledged the order. */
export const missingAcknowledgements = (onShift: string[], acknowledgedBy: string[]): string[] =>
  onShift.filter((id) => !acknowledgedBy.includes(id));
