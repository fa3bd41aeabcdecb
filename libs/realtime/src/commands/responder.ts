import { toErrorBody, type CommandTally, type ErrorBody } from '#core';
import { isObservable } from 'rxjs';
import type { AuditService } from '../audit/audit.service.js';
import type { RateLimitedDisconnect } from './rate-limited-disconnect.js';
import type { PsSocket } from '../session/socket-session.js';
import { DEFAULT_COMMAND_POLICY, type ResolvedCommandPolicy } from './command-policy.js';

/**
 * Answers one inbound command exactly once: `{ ok: true, data }` or `{ ok: false, error }` through
 * the client's ack, or an `exception` event when the client sent no ack and the command failed.
 * Answers are audited with their result code as the command's policy says (CommandPolicy `audit`).
 */
export class Responder {
  answered = false;
  /**
   * When the command was read off its socket (epoch ms): its server receive time. Taken here, not
   * when it starts, because a command can wait in a lane (CommandLanes) behind its socket's bulk
   * commands or a backlog.
   */
  readonly readAt = Date.now();
  /** The same instant on the monotonic clock, for the command duration histogram. */
  private readonly readAtMs = performance.now();
  constructor(
    private readonly socket: PsSocket,
    readonly event: string,
    private readonly payload: unknown,
    private readonly ack: ((response: unknown) => void) | undefined,
    private readonly audit: AuditService,
    /** This command name's Prometheus counts (PrometheusMetrics.command), looked up once per name. */
    private readonly tally: CommandTally,
    /** The command's declared policy, resolved once per event name (RealtimeIoAdapter). */
    readonly policy: ResolvedCommandPolicy = DEFAULT_COMMAND_POLICY,
    /** Cuts off a socket that keeps getting RATE_LIMITED (absent for calls outside the adapter). */
    private readonly overLimit?: RateLimitedDisconnect,
  ) {}

  ok(data: unknown): void {
    if (this.answered) return;
    this.answered = true;
    this.ack?.({ ok: true, data: data ?? {} });
    this.tally.record(null, (performance.now() - this.readAtMs) / 1000);
    if (this.policy.auditSuccess) this.record('ok', null);
  }

  fail(err: unknown): ErrorBody {
    const error = toErrorBody(err);
    if (this.answered) return error;
    this.answered = true;
    const body = {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.details !== undefined && { details: error.details }),
    };
    if (this.ack) this.ack({ ok: false, error: body });
    else this.socket.emit('exception', { event: this.event, code: error.code, message: error.message });
    this.tally.record(error.code, (performance.now() - this.readAtMs) / 1000);
    if (this.policy.auditErrors) this.record('error', error.code);
    if (error.code === 'RATE_LIMITED') this.overLimit?.note(this.socket);
    return error;
  }

  private record(result: 'ok' | 'error', code: string | null): void {
    const session = this.socket.data;
    this.audit.record({
      userId: session?.principal?.userId,
      socketId: this.socket.id,
      remote: session?.remoteAddress,
      event: this.event,
      result,
      code,
      payload: this.payload,
    });
  }
}

/** Marks the Responder passed through Nest's pipeline so the exception filter can find it. */
export const RESPONDER = Symbol('ps:responder');
export type ResponderFn = ((response: unknown) => void) & { [RESPONDER]: Responder };

/** The Responder among a Nest handler's arguments (the ack function responderFn made), if any. */
export function responderIn(args: unknown[]): Responder | undefined {
  return args.find((a): a is ResponderFn => typeof a === 'function' && RESPONDER in a)?.[RESPONDER];
}

/**
 * A command's server receive time (epoch ms) from a Nest handler's arguments: when the adapter read
 * it (Responder.readAt). Now, for a call that did not come through the adapter.
 */
export const receivedAtIn = (args: unknown[]): number => responderIn(args)?.readAt ?? Date.now();

export function responderFn(r: Responder): ResponderFn {
  const fn = ((response: unknown) => r.ok(response)) as ResponderFn;
  fn[RESPONDER] = r;
  return fn;
}

/**
 * Answers with what a Nest handler resolved to, as Nest's own per-message rxjs transform would,
 * without building that chain for every command: a value (or an Observable's first value that is
 * not undefined; interceptors return Observables) is the answer, no value answers `{}`. The
 * Responder answers once, so a value after the exception filter's answer is ignored.
 */
export function answerWith(responder: Responder, result: unknown): void {
  if (!isObservable(result)) return responder.ok(result);
  result.subscribe({
    next: (value) => {
      if (value !== undefined) responder.ok(value);
    },
    error: (err: unknown) => void responder.fail(err),
    complete: () => responder.ok({}),
  });
}
