/**
 * Escapes text for HTML element content and attribute values: the one escaping of the emails
 * the worker sends and of the pages their links open in the API.
 */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
