/** The channel the event log's trigger notifies on commit (migration DeliveryLog1732500001000). */
export const STREAM_EVENTS_CHANNEL = 'ps_stream_events';
/** The channel a session control row is announced on (SessionControlLog). */
export const SESSION_CONTROLS_CHANNEL = 'ps_session_controls';

/**
 * What a NOTIFY of the event log says: the highest seq each stream reached in one statement, or
 * `everything` when the list did not fit in a NOTIFY (PostgreSQL's 8000-byte limit): then every
 * followed stream must be checked.
 */
export type LogNotice = { everything: true } | { everything: false; heads: Map<string, number> };

/** Parses the trigger's payload: `stream seq` pairs joined by commas; empty means everything. */
export function parseLogNotice(payload: string | undefined): LogNotice {
  if (!payload) return { everything: true };
  const heads = new Map<string, number>();
  for (const pair of payload.split(',')) {
    const space = pair.lastIndexOf(' ');
    const seq = Number(pair.slice(space + 1));
    if (space <= 0 || !Number.isSafeInteger(seq)) return { everything: true };
    heads.set(pair.slice(0, space), seq);
  }
  return { everything: false, heads };
}
