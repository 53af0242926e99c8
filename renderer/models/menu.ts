import { useEffect } from 'react';
import { getBridge } from '../api/bridge';
import { navigate } from '../router/index';

// Desktop: File → Open Model… hands over real paths from the native dialog, whatever screen is open.
// They wait here until the Models screen is mounted and takes them.

let pending: string[] | null = null;
const waiting = new Set<() => void>();

/** Called once at start-up; does nothing in web mode. */
export function installModelMenu(): void {
  getBridge()?.onMenuCommand?.((command) => {
    if (command.type !== 'open-model' || !command.paths?.length) return;
    pending = command.paths;
    navigate('models');
    waiting.forEach((take) => take());
  });
}

export function useMenuOpenedModels(take: (paths: string[]) => void): void {
  useEffect(() => {
    const check = () => {
      if (!pending) return;
      const paths = pending;
      pending = null;
      take(paths);
    };
    check();
    waiting.add(check);
    return () => void waiting.delete(check);
  }, [take]);
}
