import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

// The app follows the OS setting (prefers-color-scheme); CSS does the same with a media query, this
// hook is for the few things CSS cannot reach (canvas charts).
const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function subscribe(listener: () => void) {
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, () => (query?.matches ? 'dark' : 'light'));
}
