// Hands a window its direct channel to the core: main creates a MessageChannelMain, gives one end to
// the core's utilityProcess and the other to the window's preload, and is out of the loop from then on.
// Called on every finished load, so a reloaded page (or a page reloaded onto a restarted core) gets
// a fresh port. Structural types: tested without Electron.
import { CHANNELS } from '../preload/channels';
import type { CoreHost } from './core-host';
import { isAppUrl } from './security';

/** The part of Electron's WebContents used here. */
export interface WebContentsLike {
  readonly id: number;
  getURL(): string;
  isDestroyed(): boolean;
  postMessage(channel: string, message: unknown, transfer?: unknown[]): void;
}

export type CreateChannel = () => { port1: unknown; port2: unknown };

/** True when the window now holds a port to the core. */
export function handWindowPort(
  contents: WebContentsLike,
  host: Pick<CoreHost, 'connectWindow'> | null,
  createChannel: CreateChannel,
): boolean {
  // Only the app's own page gets a channel (navigation elsewhere is blocked anyway: harden.ts).
  if (!host || contents.isDestroyed() || !isAppUrl(contents.getURL())) return false;
  const { port1, port2 } = createChannel();
  if (!host.connectWindow(port1, contents.id)) return false;
  contents.postMessage(CHANNELS.port, null, [port2]);
  return true;
}

/** The core is gone: the preload drops its port, fails what was waiting on it and falls back to main. */
export function revokeWindowPort(contents: WebContentsLike | null | undefined): void {
  if (contents && !contents.isDestroyed()) contents.postMessage(CHANNELS.port, null, []);
}
