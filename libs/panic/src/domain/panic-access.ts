import { AppError, isSiteStaff, type Principal } from '#core';
import type { PanicView } from '../persistence/panic.repository.js';

/** Staff of the panic's site (and admins) may act on it; to anyone else it does not exist. */
export function visiblePanic(me: Principal, panic: PanicView | null): PanicView {
  if (!panic || !isSiteStaff(me, panic.siteId)) throw AppError.notFound('Panic');
  return panic;
}
