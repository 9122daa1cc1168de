import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 that knows when to try again; RetryAfterInterceptor turns that into the header. */
export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'Too many failed attempts',
    more: { orElse?: string; fields?: Record<string, unknown> } = {},
  ) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `${what}; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes${more.orElse ? `, ${more.orElse}` : ''}`,
        ...(more.fields ? { more: more.fields } : {}),
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
