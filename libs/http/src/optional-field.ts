import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but has no empty value (a flag, a list, a choice): unlike
 * class-validator's IsOptional, null is not let through to the database; it fails the field's
 * own checks and is answered as "cannot be cleared".
 */
export function MayBeLeftOut(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
