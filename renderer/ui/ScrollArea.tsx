import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A box that scrolls sideways when its table is wider than the screen, and then says so: a visible
 * hint and a shadow on the side with more columns, so no column is hidden without a sign.
 */
export function ScrollArea({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<{ left: boolean; right: boolean }>({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer?.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);
  const scrolls = more.left || more.right;
  return (
    <>
      <div
        ref={ref}
        className={['table-wrap', className, more.left && 'table-more-left', more.right && 'table-more-right']
          .filter(Boolean)
          .join(' ')}
        // A scrolling region must be reachable by keyboard to be scrolled.
        tabIndex={scrolls ? 0 : undefined}
      >
        {children}
      </div>
      {scrolls && (
        <p className="table-scroll-hint" aria-hidden="true">
          {more.right ? 'More columns to the right: scroll sideways →' : '← More columns to the left'}
        </p>
      )}
    </>
  );
}
