import { AppError, CommandTally, ErrorCode } from '#core';
import { of, Subject, throwError } from 'rxjs';
import type { AuditService } from '../audit/audit.service.js';
import type { PsSocket } from '../session/socket-session.js';
import { answerWith, receivedAtIn, Responder, responderFn, responderIn } from './responder.js';

/** A Responder whose answers and audit rows are collected; unit-level, the e2e suites use real sockets. */
function responder() {
  const answers: unknown[] = [];
  const audited: unknown[] = [];
  const socket = { id: 's1', data: {}, emit: () => true } as unknown as PsSocket;
  const audit = { record: (row: unknown) => audited.push(row) } as unknown as AuditService;
  const tally = new CommandTally('report_incident');
  const r = new Responder(socket, 'report_incident', {}, (a) => answers.push(a), audit, tally);
  return { r, answers, audited, tally };
}

describe('the Prometheus counts of a command', () => {
  it('records the one answer with its result and duration, not a second one', () => {
    const ok = responder();
    ok.r.ok({ id: 1 });
    ok.r.fail(new AppError(ErrorCode.CONFLICT, 'late'));
    expect([ok.tally.ok, ok.tally.count, [...ok.tally.errors]]).toEqual([1, 1, []]);
    const failed = responder();
    failed.r.fail(new AppError(ErrorCode.FORBIDDEN, 'no'));
    expect([failed.tally.ok, failed.tally.count, [...failed.tally.errors]]).toEqual([
      0,
      1,
      [['FORBIDDEN', 1]],
    ]);
    expect(failed.tally.sum).toBeGreaterThanOrEqual(0);
  });
});

describe('the receive time of a command', () => {
  it('is taken when the command is read (the Responder is made), and found behind the ack Nest passes', () => {
    const before = Date.now();
    const { r } = responder();
    const after = Date.now();
    expect(r.readAt).toBeGreaterThanOrEqual(before);
    expect(r.readAt).toBeLessThanOrEqual(after);
    const args = [{ id: 'socket' }, { lat: 1 }, responderFn(r)];
    expect(responderIn(args)).toBe(r);
    // a command that waited in a lane keeps the time it was read
    const readAt = r.readAt;
    while (Date.now() === readAt); // the clock moves on (at most a millisecond)
    expect(receivedAtIn(args)).toBe(readAt);
  });

  it('is now for a call that did not come through the adapter', () => {
    const before = Date.now();
    const at = receivedAtIn([{ id: 'socket' }, {}]);
    expect(responderIn([{ id: 'socket' }, {}])).toBeUndefined();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});

describe('answerWith', () => {
  it('answers with the value a handler resolved to', () => {
    const { r, answers, audited } = responder();
    answerWith(r, { incidentId: 'i1' });
    expect(answers).toEqual([{ ok: true, data: { incidentId: 'i1' } }]);
    expect(audited).toHaveLength(1);
  });

  it('answers {} when the handler resolved to nothing', () => {
    for (const value of [undefined, null]) {
      const { r, answers } = responder();
      answerWith(r, value);
      expect(answers).toEqual([{ ok: true, data: {} }]);
    }
  });

  it('does not answer twice when the exception filter already failed the command', () => {
    const { r, answers } = responder();
    r.fail(new AppError(ErrorCode.FORBIDDEN, 'no'));
    answerWith(r, undefined);
    expect(answers).toEqual([{ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) }]);
  });

  it('answers with the first value of an Observable, and only once', () => {
    const { r, answers } = responder();
    answerWith(r, of({ n: 1 }, { n: 2 }));
    expect(answers).toEqual([{ ok: true, data: { n: 1 } }]);
  });

  it('waits for an Observable: {} when it completes empty, the error when it fails', () => {
    const empty = responder();
    const pending = new Subject<unknown>();
    answerWith(empty.r, pending);
    expect(empty.answers).toEqual([]);
    pending.complete();
    expect(empty.answers).toEqual([{ ok: true, data: {} }]);

    const failing = responder();
    answerWith(
      failing.r,
      throwError(() => new AppError(ErrorCode.CONFLICT, 'already')),
    );
    expect(failing.answers).toEqual([{ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) }]);
  });
});
