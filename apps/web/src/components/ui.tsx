import { ReactNode, useEffect, useId, useRef } from 'react';
import { ApiError, messageOf } from '../api/client';

/** The page's heading and document title; focus moves to the heading after an in-app navigation. */
export function Page({
  title,
  lead,
  children,
  actions,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – SEG Network`;
    if (document.body.dataset.navigated) heading.current?.focus();
    document.body.dataset.navigated = '1';
  }, [title]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1} ref={heading}>
            {title}
          </h1>
          {lead ? <p className="lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

/** A message that screen readers announce: errors assertively, the rest politely. */
export function Alert({
  kind = 'error',
  title,
  children,
}: {
  kind?: 'error' | 'success' | 'info';
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert kind="error" title={notFound ? 'Not found' : 'That did not work'}>
      <p>{notFound ? 'It may have been removed, or the link is wrong.' : messageOf(error)}</p>
      {error instanceof ApiError && error.details.length ? (
        <ul>
          {error.details.map((d) => (
            <li key={d.field + d.message}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {retry && !notFound ? (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </Alert>
  );
}

/**
 * The list of what is wrong with a form, linking to each field; shown at the top and focused
 * so a keyboard or screen-reader user hears it at once.
 */
export function ErrorSummary({
  error,
  labels,
  linked = true,
}: {
  error: unknown;
  labels?: Record<string, string>;
  linked?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={box}>
      <p className="alert-title">{details.length ? 'Check what you entered' : 'That did not work'}</p>
      {details.length ? (
        <ul>
          {details.map((d) => (
            <li key={d.field + d.message}>
              {linked ? (
                <a href={`#field-${d.field}`}>
                  {labels?.[d.field] ? `${labels[d.field]}: ` : ''}
                  {d.message}
                </a>
              ) : (
                `${labels?.[d.field] ?? d.field}: ${d.message}`
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{messageOf(error)}</p>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled input with its hint and its error, wired for assistive technology. */
export function Field({ name, label, hint, error, children }: FieldProps) {
  const id = `field-${name}`;
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

/** A field's hint and error, under its label or legend, with the ids its inputs point to. */
export function FieldNotes({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: ReactNode;
  hintId: string;
  error?: string;
  errorId: string;
}) {
  return (
    <>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Errors by field name from an API error, with a fallback key for fields the form does not show. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.byField : {};
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress">
      <div className="progress-label">
        {label}: {value} of {max} ({pct}%)
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** The options of a select over reference data (regions, categories): value is the stable code. */
export function CodeOptions({ items }: { items: { code: string; name: string }[] | undefined }) {
  return (
    <>
      {items?.map((item) => (
        <option key={item.code} value={item.code}>
          {item.name}
        </option>
      ))}
    </>
  );
}
