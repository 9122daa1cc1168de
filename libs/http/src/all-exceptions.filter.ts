import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';
import { ApiErrorBody } from './api-error';
import { AdapterRequest, requestIdOf } from './http-exchange';
import { loggableError } from './loggable-error';

/**
 * Expected failures are HttpExceptions and keep their status, field details and any documented
 * `more` fields (nothing else an exception carries reaches the client); anything else is
 * a bug, logged with the request id and answered as a plain 500 that reveals nothing.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const response: unknown = http.getResponse();
    const requestId = requestIdOf(http.getRequest<AdapterRequest>()) ?? undefined;

    if (httpAdapter.isHeadersSent(response)) return;
    let body: ApiErrorBody;
    if (exception instanceof HttpException) body = httpErrorBody(exception);
    else {
      this.logger.error({ err: loggableError(exception), requestId }, 'Unhandled error');
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side',
      };
    }
    if (requestId) body.requestId = requestId;
    httpAdapter.reply(response, body, body.statusCode);
  }
}

/** An expected failure in API.md's shape: its status, message, field details and documented `more` fields. */
export function httpErrorBody(exception: HttpException): ApiErrorBody {
  const status = exception.getStatus();
  const raw = exception.getResponse();
  const obj = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
  const message = Array.isArray(obj.message) ? obj.message.join('; ') : String(obj.message ?? exception.message);
  // Fields a route documents beyond the error body, with a schema of its own (`ApiError`'s body).
  const more = obj.more && typeof obj.more === 'object' ? (obj.more as Record<string, unknown>) : {};
  return {
    ...more,
    statusCode: status,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    ...(obj.details ? { details: obj.details as ApiErrorBody['details'] } : {}),
  };
}
