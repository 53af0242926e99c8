import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** 0.0.0.0 and :: listen on every interface of the machine. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

/** The machine's own names and addresses: what a browser may put in Host to reach this server. */
export function machineNames(): { hostname: string; addresses: string[] } {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => a !== undefined)
    .map((a) => a.address.split('%')[0]);
  return { hostname: os.hostname(), addresses };
}

const withPort = (name: string, port: number) =>
  `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase();

/**
 * Host headers a browser may legitimately send: loopback names always; when listening beyond
 * loopback, the machine's own names and addresses (all of them for 0.0.0.0 / ::, else the one it
 * listens on) plus names the user allowed (--allow-host). Anything else means DNS rebinding or a
 * request meant for another machine: 403, whatever the interface.
 */
export function allowedHosts(host: string, port: number, extra: string[] = [], machine = machineNames()): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1', ...extra];
  if (!isLoopback(host)) {
    names.push(machine.hostname, `${machine.hostname}.local`);
    if (isWildcard(host)) names.push(...machine.addresses);
    else names.push(host.replace(/^\[|\]$/g, ''));
  } else names.push(host.replace(/^\[|\]$/g, ''));
  return new Set(names.filter(Boolean).map((n) => withPort(n, port)));
}

/** URLs a user can open: for 0.0.0.0 / :: one per address of the machine (loopback first), else the host. */
export function reachableBases(host: string, port: number, machine = machineNames()): string[] {
  if (!isWildcard(host)) return [`http://${withPort(host.replace(/^\[|\]$/g, ''), port)}`];
  const v6 = host.includes(':');
  const addresses = machine.addresses.filter((a) => v6 || !a.includes(':')).filter((a) => !a.startsWith('fe80'));
  const sorted = [...addresses.filter((a) => isLoopback(a)), ...addresses.filter((a) => !isLoopback(a))];
  return [...new Set(sorted)].map((a) => `http://${withPort(a, port)}`);
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string> | null): boolean {
  if (!allowed) return false; // not listening yet
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
  if (parsed.protocol !== 'http:' || !allowed) return false;
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
