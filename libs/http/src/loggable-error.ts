/**
 * An unexpected error as it may be logged. A failed query keeps its SQL statement but never the
 * values bound to it, and a PostgreSQL error drops its `detail` and `where` (a unique violation's
 * detail quotes the email it refused): a log line must not carry members' contact details.
 */
export function loggableError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 3) return error;
  const base = { type: error.name, message: error.message, stack: error.stack };
  const fields = error as Error & Record<string, unknown>;
  if (typeof fields.query === 'string' && Array.isArray(fields.params)) {
    const message = `Failed query: ${fields.query}`;
    return {
      ...base,
      message,
      stack: error.stack?.replace(error.message, message),
      query: fields.query,
      paramCount: fields.params.length,
      cause: loggableError(fields.cause, depth + 1),
    };
  }
  if (typeof fields.severity === 'string' && typeof fields.code === 'string') {
    const { code, severity, constraint, table, column, schema, routine } = fields;
    return { ...base, code, severity, constraint, table, column, schema, routine };
  }
  return fields.cause === undefined ? error : { ...base, cause: loggableError(fields.cause, depth + 1) };
}
