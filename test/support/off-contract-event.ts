import type { NewEvent } from '../../libs/realtime/src/index.js';

/**
 * A durable event outside the contract, for tests that need one the product never sends (probes
 * of the log, the timers and the transactions). The contract types every real event's data, so
 * this is the one cast that lets a test append anything.
 */
export const offContractEvent = (
  type: string,
  siteId: string | null,
  streams: string[],
  data: unknown,
): NewEvent => ({ type, siteId, streams, data }) as unknown as NewEvent;
