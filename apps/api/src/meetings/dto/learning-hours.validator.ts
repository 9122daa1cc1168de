import { MAX_LEARNING_MINUTES, minutesOfHours } from '@seg/rules';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** Learning hours: a number of quarter hours, more than 0 and at most a long summit's. */
export function IsLearningHours(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLearningHours',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && minutesOfHours(value) !== null,
        defaultMessage: () =>
          `must be a number of hours in quarters (0.25, 1.5...), more than 0 and at most ${MAX_LEARNING_MINUTES / 60}`,
      },
    },
    options,
  );
}
