import proxyaddr from 'proxy-addr';

export type TrustFn = (address: string, hop: number) => boolean;

/** Compiles a TRUST_PROXY value (`false`, or Express's names and CIDRs, comma-separated). */
export function compileTrust(value: string): TrustFn {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === 'none') return () => false;
  return proxyaddr.compile(
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * The client's address: the TCP peer, or the nearest untrusted hop of X-Forwarded-For when the
 * peer is a trusted proxy. Used where Express's req.ip is not available (socket handshakes).
 */
export function clientAddress(
  peer: string,
  headers: Record<string, string | string[] | undefined>,
  trust: TrustFn,
): string {
  return proxyaddr({ connection: { remoteAddress: peer }, headers } as never, trust);
}
