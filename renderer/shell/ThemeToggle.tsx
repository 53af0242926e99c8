import { useEffect } from 'react';
import { client } from '../api/client';
import { useCall } from '../api/hooks';
import { setThemeChoice, useThemeChoice, type ThemeChoice } from '../ui/theme';

/** System / light / dark, remembered in the workspace. */
export function ThemeToggle() {
  const stored = useCall('settings/get', {});
  const choice = useThemeChoice();
  useEffect(() => {
    if (stored.data) setThemeChoice(stored.data.theme);
  }, [stored.data]);
  const change = (next: ThemeChoice) => {
    setThemeChoice(next);
    // A failed save keeps the choice for this session; the next start shows the stored one.
    client.call('settings/set', { theme: next }).catch(() => {});
  };
  return (
    <label className="theme-toggle">
      <span className="visually-hidden">Theme</span>
      <select aria-label="Theme" value={choice} onChange={(e) => change(e.target.value as ThemeChoice)}>
        <option value="system">theme: system</option>
        <option value="light">theme: light</option>
        <option value="dark">theme: dark</option>
      </select>
    </label>
  );
}
