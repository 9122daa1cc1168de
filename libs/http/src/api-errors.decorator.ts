import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorBody } from './api-error';

/** What each error status means across the API (API.md); a route may say more in its own words. */
const MEANING = {
  400: 'Bad input: every invalid field is named in `details`',
  401: 'No access token, or it is not valid any more',
  403: 'Not allowed for this member',
  404: 'No such record, or not visible to this member',
  409: 'Conflicts with what is there (named in `details`)',
  410: 'The link no longer works',
  413: 'The body is too large',
  415: 'The body is not of a content type this route takes',
  429: 'Too many attempts; see Retry-After',
  503: 'A service it needs (the database, Redis) does not answer',
} as const;

export type ErrorStatus = keyof typeof MEANING;

/** Documents the error answers a route (or every route of a controller) can give, with the error body. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiError(status, MEANING[status])));
}

/** One error answer described in the route's own words, with the error body or one that says more. */
export function ApiError(
  status: ErrorStatus,
  description: string,
  body: Type<ApiErrorBody> = ApiErrorBody,
): MethodDecorator & ClassDecorator {
  // Errors are JSON even where the route answers CSV, HTML or iCalendar.
  return applyDecorators(
    ApiExtraModels(body),
    ApiResponse({
      status,
      description,
      content: { 'application/json': { schema: { $ref: getSchemaPath(body) } } },
    }),
  );
}
