import { readDateTime } from '@seg/rules';
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * An ISO-8601 date-time: with an offset it is that instant, without one it is London time, and
 * then one that exists (not in the hour the clocks skip in March).
 */
export function IsMeetingTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMeetingTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && 'at' in readDateTime(value),
        defaultMessage: (args?: ValidationArguments) => {
          const reading = readDateTime(typeof args?.value === 'string' ? args.value : '');
          return 'problem' in reading ? reading.problem : 'must be an ISO-8601 date-time';
        },
      },
    },
    options,
  );
}
