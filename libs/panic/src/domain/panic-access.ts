import { AppError, isSiteStaff, type Principal } from '#core';

/**
 * Staff of the panic's site (and admins) may act on it; to anyone else it does not exist. Generic
 * over the caller's view of the panic (PanicView): the rule needs only its site.
 */
export function visiblePanic<P extends { siteId: string }>(me: Principal, panic: P | null): P {
  if (!panic || !isSiteStaff(me, panic.siteId)) throw AppError.notFound('Panic');
  return panic;
}
