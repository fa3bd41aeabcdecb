/**
 * The Content-Security-Policy of the operations console: scripts, styles, fonts and connections
 * only to the server itself (the Socket.IO WebSocket included), images also from the tile host.
 * Nothing inline: the bundle has no inline script or stylesheet, so neither needs 'unsafe-inline'.
 */

/** The CSP source of a tile URL template (`{s}` subdomains become a wildcard), or null for `none`. */
export function tileSource(tileUrl: string): string | null {
  if (tileUrl === 'none') return null;
  const m = /^(https?):\/\/([^/?#]+)/.exec(tileUrl);
  if (!m) return null;
  return `${m[1]}://${m[2].replace(/\{s\}/g, '*')}`;
}

/** `host` is the request's Host header: the WebSocket origin the page connects back to. */
export function consoleCsp(tileUrl: string, host: string | undefined): string {
  const tiles = tileSource(tileUrl);
  const sockets = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tiles ? ` ${tiles}` : ''}`,
    `connect-src 'self'${sockets}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
