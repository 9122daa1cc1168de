import { Component, ReactNode } from 'react';

/** A page that breaks shows a message and a way on, never a blank screen. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; key: string }
> {
  state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    // Moving to another page clears the failure.
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">This page could not be shown</p>
        <p>
          Something went wrong on our side. <a href={location.pathname + location.search}>Reload the page</a> or go to
          the <a href="/">home page</a>. If it keeps happening, tell the secretariat.
        </p>
      </div>
    );
  }
}
