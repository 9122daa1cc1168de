import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@seg/rules';

/**
 * Sets the time an app's `Clock` answers (the API's or the worker's), for rules that depend on
 * it: check-in windows, meetings closing, appraisal years. `jest.restoreAllMocks()` gives the
 * real time back.
 */
export function setClock(app: INestApplicationContext, at: string | Date): void {
  const clock = app.get(Clock);
  const now = new Date(at);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
}
