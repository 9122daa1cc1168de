import { answer, ApiError, client } from '../api/client';
import type { Attendance, RegisterPage } from '../api/openapi.generated';

/**
 * GET /meetings/{id}/attendance answers the totals, or with `?by=person` the register: one path,
 * two shapes in the API document. These ask for one and check they got it.
 */
const UNEXPECTED = 'SEG Network answered in a form this page does not read. Reload the page and try again.';

export async function attendanceTotals(meetingId: string): Promise<Attendance> {
  const answered = await answer(client.GET('/meetings/{id}/attendance', { params: { path: { id: meetingId } } }));
  if (!('totals' in answered)) throw new ApiError(0, UNEXPECTED);
  return answered;
}

export async function attendanceRegister(meetingId: string): Promise<RegisterPage> {
  const query = { by: 'person', limit: 200 } as const;
  const answered = await answer(
    client.GET('/meetings/{id}/attendance', { params: { path: { id: meetingId }, query } }),
  );
  if (!('items' in answered)) throw new ApiError(0, UNEXPECTED);
  return answered;
}
