import { ArgumentMetadata, NotFoundException, ValidationPipe } from '@nestjs/common';
import { FieldError } from './api-error';
import { flattenValidationErrors, InvalidFieldsException } from './field-errors';
import { findBadText } from './text-fields';

/**
 * Whitelists DTO fields (an unknown or forbidden field in a body is a 400 naming it), then
 * refuses text that cannot be stored: control characters (tab and newline only in multi-line
 * fields) and lone surrogates, in every body field and query parameter; in a path it is a 404.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A raw body (the member import's CSV) is read row by row, each row's problems its own.
    if (metadata.type === 'custom' || (metadata.type === 'body' && typeof value === 'string'))
      return super.transform(value, metadata);
    // A path value is a name to look up, and nothing is named with a control character.
    if (metadata.type === 'param' && findBadText(value, metadata.data ?? '').length)
      throw new NotFoundException(`No such ${metadata.data && metadata.data !== 'id' ? metadata.data : 'record'}`);
    // First what no field may hold, before any validator sees it (some choke on a lone surrogate)...
    refuseBadText(findBadText(value, metadata.data ?? '', true));
    const result = await super.transform(value, metadata);
    // ...then line breaks and tabs, known only from the DTO to be allowed in multi-line fields.
    refuseBadText(findBadText(result, metadata.data ?? ''));
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new InvalidFieldsException(flattenValidationErrors(errors)),
  });
}

function refuseBadText(problems: FieldError[]): void {
  if (problems.length) throw new InvalidFieldsException(problems);
}
