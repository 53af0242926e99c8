// Locks down every web contents and the session: no navigation away from the app, no new windows,
// no webviews, no permission grants. Applied from app 'web-contents-created', so it also covers any
// contents created later (devtools, a future second window).
import type { Session, WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './security';

type OpenExternal = (url: string) => unknown;

/** What the window-open handler answers: never a new Electron window; https links go to the OS browser. */
export function windowOpenDecision(url: string, openExternal: OpenExternal): { action: 'deny' } {
  if (isSafeExternalUrl(url)) void openExternal(url);
  return { action: 'deny' };
}

/** True when a navigation to `url` must be stopped (anything outside the app's own pages). */
export function navigationBlocked(url: string): boolean {
  return !isAppUrl(url);
}

export function hardenWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const guard = (event: { preventDefault(): void; url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (!navigationBlocked(url)) return;
    event.preventDefault();
    // A plain <a href="https://…"> click lands here: open it where the user expects, outside the app.
    if (isSafeExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', (event) => {
    if (navigationBlocked(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, openExternal));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The one permission granted: writing text to the clipboard ("Copy" buttons for hashes and paths),
 * and only to the app's own page. Chrome grants it without asking; it can't read anything back.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export function permissionGranted(permission: string, requestingUrl: string | undefined): boolean {
  return GRANTED.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/** Every other permission (camera, notifications, clipboard-read, geolocation, USB, HID…) is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
