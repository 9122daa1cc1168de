import { BadRequestException, ConflictException, ForbiddenException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { FieldError } from './api-error';

/** Flattens class-validator's tree into `a.b[0].c`-style field names. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    // A required field left out, or cleared with null, fails every check it has; one message says what is wrong.
    // A field the request may not send is that, whatever its value.
    const messages = e.constraints?.whitelistValidation
      ? [e.constraints.whitelistValidation]
      : e.value === undefined && e.constraints
        ? ['is required']
        : e.value === null && e.constraints
          ? ['cannot be cleared']
          : Object.values(e.constraints ?? {});
    const own = messages.map((message) => ({
      field,
      // class-validator says "property x should not exist"; name the field plainly instead.
      // (The name is the client's: compared as text, never made into a pattern.)
      message: message.startsWith(`property ${e.property} `)
        ? `this field ${message.slice(`property ${e.property} `.length)}`
        : message.startsWith(`${e.property} `)
          ? message.slice(e.property.length + 1)
          : message,
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** A 400 whose details name each bad field. */
export class InvalidFieldsException extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `Invalid ${details
        .map((d) => d.field)
        .filter((f, i, a) => a.indexOf(f) === i)
        .join(', ')}`,
      details,
    });
  }
}

export function invalidField(field: string, message: string): InvalidFieldsException {
  return new InvalidFieldsException([{ field, message }]);
}

/** A 403 that names the field the caller may not change. */
export function forbiddenOn(field: string, message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, details: [{ field, message }] });
}

/** A 409 that names the field in conflict (an email already taken, say). */
export function conflictOn(field: string, message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, details: [{ field, message }] });
}
