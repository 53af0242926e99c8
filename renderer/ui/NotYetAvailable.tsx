import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { Page } from './Page';

/** Placeholder for a section whose screens have not landed yet; says so plainly and what will be here. */
export function NotYetAvailable({
  title,
  children,
  command,
}: {
  title: string;
  children: ReactNode;
  command?: string;
}) {
  return (
    <Page title={title} subtitle={<span className="badge badge-muted">not yet available</span>}>
      <EmptyState title={`${title} is not yet available in this build`}>
        <p>{children}</p>
        {command && (
          <p>
            When it lands, the same capability is on the command line:
            <br />
            <code className="command">{command}</code>
          </p>
        )}
      </EmptyState>
    </Page>
  );
}
