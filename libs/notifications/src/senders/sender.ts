import type { DeliveryJob } from '../deliveries/delivery.repository.js';

/** How one attempt went: delivered, or failed and whether trying again can help. */
export type SendOutcome =
  | { ok: true; httpStatus?: number }
  | { ok: false; retry: boolean; httpStatus?: number; error: string; dropDevice?: boolean };

/** Sends one delivery of one kind (webhook, email, webpush, fcm). */
export interface Sender {
  send(job: DeliveryJob): Promise<SendOutcome>;
}

/** Classifies an HTTP answer: 2xx delivers, anything else is retried. */
export function httpOutcome(status: number, body: string): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true, httpStatus: status };
  return { ok: false, retry: true, httpStatus: status, error: `answered ${status} ${body.slice(0, 200)}` };
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
