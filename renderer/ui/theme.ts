// The theme the user chose for this workspace (system, light or dark), applied to the page as
// data-theme so CSS and the canvas charts follow it. The choice is stored in the workspace
// (settings/set), so a workspace opens in its own theme on any machine or browser.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

let choice: ThemeChoice = 'system';
const listeners = new Set<() => void>();
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export function resolvedScheme(): 'light' | 'dark' {
  return choice === 'system' ? (media?.matches ? 'dark' : 'light') : choice;
}

function apply() {
  const root = globalThis.document?.documentElement;
  if (root) {
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
  }
  listeners.forEach((l) => l());
}

export function setThemeChoice(next: ThemeChoice): void {
  if (next === choice) return;
  choice = next;
  apply();
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  media?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
  };
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribeTheme, () => choice);
}
