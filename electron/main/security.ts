// Security settings of the desktop shell, as plain data and pure functions so tests can check them
// without Electron. Type-only import: nothing from 'electron' is loaded here.
import type { WebPreferences } from 'electron';

/**
 * The UI is served from a privileged custom scheme, app://preflight/, not file://. Why not file:// with
 * a CSP added in session.webRequest.onHeadersReceived: file:// responses have no real headers (the CSP
 * hook is unreliable for them), every file:// page shares one opaque origin with the whole disk, and
 * the grantFileProtocolExtraPrivileges fuse is turned off in packaged builds. A custom protocol gives
 * the page a proper origin to check IPC senders against, lets us attach the CSP header to every
 * response ourselves, and confines what can be loaded to dist/renderer (Electron security checklist §18).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'preflight';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged (before app 'ready'). `standard` gives the page a
 * real origin, so Vite's same-origin `<script type="module" crossorigin>` loads (under file:// the origin
 * is null and it is blocked by CORS). Never bypassCSP; never corsEnabled, which would let other origins
 * read app:// responses (Electron serves custom protocols without checking Access-Control-Allow-Origin).
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/**
 * Strict CSP: only the app's own files; no remote origins, no eval, no inline scripts, no plugins,
 * no framing. Inline styles stay allowed because React and ECharts set style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every file of the UI. */
export const RESPONSE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** True for a URL of the app's own UI (same scheme and host); everything else is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the page may hand to the OS browser: https only (no file:, no custom handlers, no http). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** webPreferences of every window: isolated, sandboxed, no Node, nothing that reaches the network. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The spellchecker downloads dictionaries from a Google CDN: an offline tool must not.
    spellcheck: false,
    devTools: options.devTools,
  };
}
