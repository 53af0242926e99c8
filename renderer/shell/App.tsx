import { useEffect, type MouseEvent } from 'react';
import { navigate, useRoute } from '../router/index';
import { NotFound } from './NotFound';
import { Nav } from './Nav';
import { ScreenBoundary } from './ScreenBoundary';
import { SECTIONS } from './sections';
import { StatusBar } from './StatusBar';

export function App() {
  const route = useRoute();
  useEffect(() => {
    if (!route.section) navigate(SECTIONS[0].id);
  }, [route.section]);
  const section = SECTIONS.find((s) => s.id === route.section);
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <Nav current={route.section} />
      <main className="main" id="main" tabIndex={-1}>
        {section ? (
          <ScreenBoundary key={section.id} resetKey={route.segments.join('/')} title={section.label}>
            <section.Screen />
          </ScreenBoundary>
        ) : route.section ? (
          <NotFound />
        ) : null}
      </main>
      <StatusBar />
    </div>
  );
}

/** The skip link must not change the hash route, so it moves focus itself. */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
