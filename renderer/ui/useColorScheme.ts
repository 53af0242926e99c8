import { useSyncExternalStore } from 'react';
import { resolvedScheme, subscribeTheme } from './theme';

export type ColorScheme = 'light' | 'dark';

// The scheme in effect: the workspace's theme choice, or the OS setting (prefers-color-scheme) when it
// is "system". CSS follows data-theme and the media query; this hook is for what CSS cannot reach
// (canvas charts).
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeTheme, resolvedScheme);
}
