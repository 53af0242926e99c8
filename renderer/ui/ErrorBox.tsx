import type { ReactNode } from 'react';
import { PreflightError, type ErrorCode } from '../../shared/contract/errors';

/** What a user can do next, per error code; the message itself is the core's own words. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'Check the file and try again; nothing was added to the workspace.',
  BAD_ARGUMENTS: 'Correct the highlighted value and try again.',
  NOT_FOUND: 'It may have been removed or renamed; go back to the list.',
  MODEL_LOAD_FAILED:
    'onnxruntime could not load the model: re-export it with a supported opset or check its external data.',
  WORKSPACE_ERROR: 'The workspace file cannot be used by this version; open another workspace with --workspace.',
  CHECK_FAILED: 'A check did not pass; see the details above.',
  CANCELLED: 'The job was cancelled; nothing half-done was kept.',
  UNAUTHORIZED: 'Open the URL printed by `preflight serve` again (it carries the access token).',
  FORBIDDEN: 'Open Preflight through the URL printed by `preflight serve`, not through another host name.',
  CHILD_CRASHED:
    'The native runtime crashed in an isolated process; the app and the workspace are intact. Try again or check the model.',
  INTERNAL: 'This is a bug or the server is gone; reload the page, and report it if it happens again.',
};

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

interface ErrorBoxProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
  children?: ReactNode;
}

/** An error shown where it happened, in the core's words, with what to do next. */
export function ErrorBox({ error, title, onRetry, onDismiss, children }: ErrorBoxProps) {
  const code = error instanceof PreflightError ? error.code : 'INTERNAL';
  const hint = NEXT_STEP[code];
  return (
    <div className="error-box" role="alert">
      <div className="error-box-head">
        <strong>{title ?? 'Something went wrong'}</strong>
        <span className="error-code mono">{code}</span>
      </div>
      <p className="error-message">{errorMessage(error)}</p>
      {hint && <p className="error-hint">{hint}</p>}
      {children}
      {(onRetry || onDismiss) && (
        <div className="error-actions">
          {onRetry && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" className="button-quiet" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
