import { useSyncExternalStore } from 'react';

// Hash routing (`#/models/tiny_mlp@2`): works the same from Electron's file:// and from web mode,
// and needs nothing from the server. Segments are URI-encoded so any model name survives.

export interface Route {
  /** Decoded path segments, e.g. ['models', 'tiny_mlp@2']. */
  segments: string[];
  section: string;
}

function parse(hash: string): Route {
  const segments = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, section: segments[0] ?? '' };
}

let current = parse(globalThis.location?.hash ?? '');
const listeners = new Set<() => void>();
globalThis.addEventListener?.('hashchange', () => {
  current = parse(location.hash);
  listeners.forEach((l) => l());
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => current);
}

/** `href('models', 'a b@1')` → `#/models/a%20b@1` ("@" kept readable). */
export function href(...segments: string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s).replace(/%40/g, '@')).join('/')}`;
}

export function navigate(...segments: string[]): void {
  location.hash = href(...segments);
}
