import type { Envelope } from '#client';
import { applyTyping } from './chat.js';
import { applyEvent } from './console-state.js';
import { onSite, point } from './state-fixtures.js';
import { applyLocations } from './guard-positions.js';
import type { PanicView } from './views.js';

let seq = 0;
const env = (type: string, data: unknown, siteId = 'A'): Envelope => ({
  id: `e${++seq}`,
  type,
  stream: `site:${siteId}:staff`,
  seq,
  siteId,
  occurredAt: '2026-01-01T10:00:00.000Z',
  actor: { userId: null, role: 'system', name: 'system' },
  data,
});
const panic = (status: string, extra: Partial<PanicView> = {}): PanicView => ({
  id: 'p1',
  siteId: 'B',
  type: 'PANIC',
  status,
  guard: { id: 'g1', name: 'Alice' },
  location: { lat: 1, lng: 2 },
  raisedAt: '2026-01-01T10:00:00.000Z',
  escalationLevel: 1,
  ...extra,
});

describe('console state', () => {
  it('keeps a panic of any site while active, with its escalation level, and drops it once resolved', () => {
    let s = applyEvent(onSite('A'), env('panic_alert', { panic: panic('RAISED') }, 'B'));
    expect(s.panics.p1.status).toBe('RAISED');
    s = applyEvent(
      s,
      env('panic_escalated', { panic: panic('RAISED', { escalationLevel: 1 }), level: 2 }, 'B'),
    );
    expect(s.panics.p1.escalationLevel).toBe(2);
    s = applyEvent(s, env('panic_acknowledged', { panic: panic('ACKNOWLEDGED') }, 'B'));
    expect(s.panics.p1.status).toBe('ACKNOWLEDGED');
    s = applyEvent(s, env('panic_resolved', { panic: panic('RESOLVED') }, 'B'));
    expect(s.panics).toEqual({});
  });

  it('lists open incidents of the selected site only', () => {
    const incident = (siteId: string, status: string) => ({
      id: `i-${siteId}`,
      siteId,
      status,
      priority: 'LOW',
    });
    let s = applyEvent(onSite('A'), env('incident_created', { incident: incident('A', 'OPEN') }));
    s = applyEvent(s, env('incident_created', { incident: incident('B', 'OPEN') }, 'B'));
    expect(Object.keys(s.incidents)).toEqual(['i-A']);
    s = applyEvent(s, env('incident_resolved', { incident: incident('A', 'RESOLVED') }));
    expect(s.incidents).toEqual({});
  });

  it('turns safety events into alert rows once each, and marks a reported guard stale', () => {
    let s = applyLocations(onSite('A'), 'A', [point('g1', '2026-01-01T10:00:00.000Z')]);
    const stale = env('guard_stale', { userId: 'g1', lastSeenAt: null, reason: 'NO_LOCATION' });
    s = applyEvent(applyEvent(s, stale), stale);
    s = applyEvent(
      s,
      env('patrol_timeout', { patrolRun: { routeName: 'North' }, reason: 'OVERDUE', missedCheckpoints: [1] }),
    );
    expect(s.alerts.map((a) => [a.type, a.text])).toEqual([
      ['patrol_timeout', 'Patrol overdue on North (1 missed)'],
      ['guard_stale', 'No location from guard on shift'],
    ]);
    expect(s.guards.g1.staleReported).toBe(true);
    expect(applyEvent(s, env('checkpoint_scanned', {}))).toBe(s);
  });

  it('appends site messages of the selected site once, never direct ones', () => {
    const message = { id: 'm1', siteId: 'A', conversationId: 'c', text: 'hi' };
    const direct = { ...message, id: 'd1', kind: 'direct', sender: { id: 'g1', name: 'G' } };
    const elsewhere = applyEvent(onSite('A'), env('message_created', { message: direct }));
    expect(elsewhere.messages).toHaveLength(0);
    expect(elsewhere.directs).toHaveLength(1);
    const s = applyEvent(onSite('A'), env('message_created', { message }));
    expect(applyEvent(s, env('message_created', { message })).messages).toHaveLength(1);
    expect(applyEvent(onSite('B'), env('message_created', { message })).messages).toHaveLength(0);
  });

  it("shows typing and read receipts of the site conversation only, never the user's own typing", () => {
    let s = applyEvent(
      { ...onSite('A'), me: { userId: 'me', name: 'Me', role: 'supervisor' } },
      env('message_created', {
        message: { id: 'm1', siteId: 'A', conversationId: 'c', sender: { id: 'me' } },
      }),
    );
    s = applyTyping(applyTyping(s, { conversationId: 'c', userId: 'g1', typing: true }), {
      conversationId: 'c',
      userId: 'me',
      typing: true,
    });
    expect(applyTyping(s, { conversationId: 'other', userId: 'g2', typing: true })).toBe(s);
    expect(s.conversation.typing).toEqual(['g1']);
    s = applyEvent(s, env('messages_read', { conversationId: 'c', userId: 'g1', upToMessageId: 'm1' }));
    expect(
      applyEvent(s, env('messages_read', { conversationId: 'x', userId: 'g2', upToMessageId: 'm1' })),
    ).toBe(s);
    expect(s.conversation.reads).toEqual({ g1: 'm1' });
  });
});
