import type { PreflightBridge } from '../../shared/contract/bridge';

export type { PreflightBridge };

/**
 * The Electron preload bridge (`window.preflight`, typed in shared/contract/bridge.ts). Read through
 * `getBridge()` rather than a global `Window` augmentation so this file and the preload's own
 * declarations never clash.
 */
export function getBridge(): PreflightBridge | null {
  const candidate = (globalThis as { preflight?: PreflightBridge }).preflight;
  return candidate && typeof candidate.call === 'function' ? candidate : null;
}
