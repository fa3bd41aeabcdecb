import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { addressProblem } from '../domain/target-address.js';

/** A target whose address may not be reached (docs/protocol.md section 10). */
export class TargetRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly reason: 'LINK_LOCAL' | 'PRIVATE' | 'UNRESOLVED',
  ) {
    super(
      reason === 'UNRESOLVED'
        ? `${host} does not resolve`
        : reason === 'LINK_LOCAL'
          ? `${host} resolves to a link-local address, which is never allowed`
          : `${host} resolves to a loopback or private address (NOTIFY_ALLOW_PRIVATE_TARGETS is off)`,
    );
    this.name = 'TargetRefusedError';
  }
}

/** Strips the brackets of an IPv6 URL host. */
const bare = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/** Resolves a host and refuses it when any of its addresses may not be reached. */
export async function checkedAddresses(
  host: string,
  allowPrivate: boolean,
): Promise<{ address: string; family: number }[]> {
  const h = bare(host);
  let found: { address: string; family: number }[];
  if (isIP(h)) found = [{ address: h, family: isIP(h) }];
  else {
    try {
      found = await lookup(h, { all: true, verbatim: true });
    } catch {
      throw new TargetRefusedError(h, 'UNRESOLVED');
    }
  }
  if (!found.length) throw new TargetRefusedError(h, 'UNRESOLVED');
  for (const a of found) {
    const problem = addressProblem(a.address, allowPrivate);
    if (problem) throw new TargetRefusedError(h, problem);
  }
  return found;
}

/**
 * A `lookup` for http.request that connects only to addresses it has just checked: the check and
 * the connection use the same DNS answer, so a name cannot be re-pointed in between.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    checkedAddresses(hostname, allowPrivate).then(
      (list) => {
        const family = typeof options === 'object' ? options.family : options;
        const usable = family === 4 || family === 6 ? list.filter((a) => a.family === family) : list;
        if (typeof options === 'object' && options.all)
          (callback as (e: null, a: typeof list) => void)(null, usable);
        else callback(null, usable[0]?.address ?? list[0].address, usable[0]?.family ?? list[0].family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}
