import { ACCEPTED_YEARS, parseDateTime } from '@seg/rules';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** An ISO-8601 date-time: with an offset it is that instant, without one it is London time. */
export function IsMeetingTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMeetingTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseDateTime(value) !== null,
        defaultMessage: () =>
          `must be an ISO-8601 date-time, e.g. 2026-06-10T10:00 (London time) or 2026-06-10T09:00:00Z, in the years ${ACCEPTED_YEARS.first} to ${ACCEPTED_YEARS.last}`,
      },
    },
    options,
  );
}
