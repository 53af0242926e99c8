import { useEffect } from 'react';
import { href, navigate } from '../router/index';
import { Icon } from './icons';
import { SECTIONS } from './sections';

/** Left navigation. Alt+1…6 jump between sections from anywhere (shown next to each entry). */
export function Nav({ current }: { current: string }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      // e.code, not e.key: Alt+digit types other characters on some keyboard layouts (macOS).
      const section = SECTIONS.find((s) => e.code === `Digit${s.key}`);
      if (!section) return;
      e.preventDefault();
      navigate(section.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <nav className="nav" aria-label="Sections">
      <div className="nav-brand">
        <Icon name="logo" size={18} />
        Preflight
      </div>
      {SECTIONS.map((s) => (
        <a
          key={s.id}
          className="nav-link"
          href={href(s.id)}
          aria-current={current === s.id ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${s.key}`}
          title={`${s.label} (Alt+${s.key})`}
        >
          <Icon name={s.icon} />
          <span>{s.label}</span>
          <span className="nav-key" aria-hidden="true">
            Alt+{s.key}
          </span>
        </a>
      ))}
      <div className="nav-footer">Offline · nothing leaves this machine</div>
    </nav>
  );
}
