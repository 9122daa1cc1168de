import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, InvalidFieldsException } from './field-errors';

/** Whitelists DTO fields: an unknown or forbidden field in a body is a 400 naming it. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new InvalidFieldsException(flattenValidationErrors(errors)),
  });
}
