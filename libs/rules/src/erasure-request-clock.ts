/** UK GDPR: a request to be erased is answered within one month of receipt. */
export const ERASURE_ANSWER_MONTHS = 1;

/** The day an erasure request made at `requestedAt` must be answered by. */
export function erasureAnswerBy(requestedAt: Date): Date {
  const due = new Date(requestedAt);
  due.setUTCMonth(due.getUTCMonth() + ERASURE_ANSWER_MONTHS);
  return due;
}
