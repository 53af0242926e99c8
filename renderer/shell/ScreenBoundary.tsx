import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorBox, Page } from '../ui/index';

interface State {
  error: unknown;
}

/**
 * A screen that throws while rendering shows what happened instead of blanking the whole app; the
 * navigation keeps working, and moving to another route (a new `resetKey`) draws the screen again.
 */
export class ScreenBoundary extends Component<{ title: string; resetKey: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`preflight: the ${this.props.title} screen failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <Page title={this.props.title}>
        <ErrorBox
          title={`The ${this.props.title} screen failed to draw`}
          error={this.state.error}
          onRetry={() => this.setState({ error: null })}
        />
      </Page>
    );
  }
}
