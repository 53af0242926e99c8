import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  icon?: ReactNode;
}

/** What a screen shows when there is nothing yet: what this place is for and the one thing to do next. */
export function EmptyState({ title, children, actions, icon }: EmptyStateProps) {
  return (
    <div className="empty-state">
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}
