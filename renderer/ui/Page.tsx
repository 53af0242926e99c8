import { useEffect, useRef, type ReactNode } from 'react';

interface PageProps {
  title: ReactNode;
  /** Plain-text title for the window; defaults to `title` when it is a string. */
  documentTitle?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

// The first screen after a load leaves focus at the top of the document, so Tab reaches the skip
// link and the navigation first; later screens take focus only if navigation dropped it.
let firstScreen = true;

/** Every screen's frame: one h1 (focused on arrival so screen readers and keyboards start here), actions on the right. */
export function Page({ title, documentTitle, subtitle, actions, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const text = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (text) document.title = `${text} — Preflight`;
  }, [text]);
  useEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    // Only move focus when it would otherwise be lost (navigation from the nav keeps its own focus).
    if (document.activeElement === document.body) heading.current?.focus({ preventScroll: true });
  }, [text]);
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-titles">
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {subtitle && <div className="page-subtitle">{subtitle}</div>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      <div className="page-body">{children}</div>
    </div>
  );
}

/** A titled block inside a page. */
export function Section({
  title,
  actions,
  children,
  id,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <header className="section-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
