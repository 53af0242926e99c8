import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Host names a browser may legitimately use to reach us. On loopback only loopback names are
 * accepted: a foreign Host header means DNS rebinding, so the request is refused (403).
 */
export function allowedHosts(host: string, port: number): Set<string> | null {
  if (!isLoopback(host)) return null; // bound to a real interface on purpose: the token is the defence
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`]);
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string> | null): boolean {
  if (!allowed) return true;
  const host = (req.headers.host ?? '').toLowerCase();
  return allowed.has(host);
}

/** State-changing requests from another origin are refused; requests without Origin (curl, scripts) rely on the token. */
export function originAllowed(req: IncomingMessage, allowed: Set<string> | null): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:') return false;
  if (!allowed) return parsed.host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
  return allowed.has(parsed.host.toLowerCase());
}

/**
 * Browsers scope cookies by host, not port: one name per port keeps two `preflight serve` on one
 * machine from logging each other out.
 */
export const cookieName = (port: number) => `preflight_token_${port}`;

export function tokenFrom(req: IncomingMessage, port: number): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookies = req.headers.cookie?.split(';') ?? [];
  for (const c of cookies) {
    const [k, ...v] = c.trim().split('=');
    if (k === cookieName(port)) return v.join('=');
  }
  return null;
}

export function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Rejects traversal before any decoding or joining: "..", encoded dots or slashes, backslashes and NUL
 * are never part of a file the UI build contains.
 */
export function unsafeStaticPath(rawPath: string): boolean {
  return /\.\.|%2e|%2f|%5c|%00|\\|\0/i.test(rawPath);
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
