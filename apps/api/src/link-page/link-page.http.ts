import { applyDecorators, HttpServer } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorBody, ApiErrors } from '@seg/http';

const PAGE = { 'text/html': { schema: { type: 'string' } } };
const ERROR_OR_PAGE = { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } }, ...PAGE };

/**
 * What a link page's GET answers: the page, or the page saying the link is not recognised (404)
 * or no longer works (410, `gone` says why). A token with control characters is a JSON 400, as
 * every bad request.
 */
export function ApiLinkPage(gone: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('text/html'),
    ApiOkResponse({ description: 'The page', content: PAGE }),
    ApiErrors(400),
    ApiResponse({ status: 404, description: 'The page saying the link is not recognised', content: ERROR_OR_PAGE }),
    ApiResponse({ status: 410, description: `The page saying ${gone}`, content: PAGE }),
  );
}

/** What a link's POST refuses with: a form post gets the page, a JSON call the error. */
export function ApiLinkRefusals(gone: string): MethodDecorator {
  return applyDecorators(
    ApiErrors(400),
    ApiResponse({
      status: 404,
      description: 'The link is not recognised (a form post gets the page)',
      content: ERROR_OR_PAGE,
    }),
    ApiResponse({ status: 410, description: `${gone} (a form post gets the page)`, content: ERROR_OR_PAGE }),
  );
}

/** Sends a link page through the HTTP adapter; never cached, as it shows the member's own choice. */
export function sendLinkPage(http: HttpServer, res: unknown, page: { status: number; html: string }): void {
  http.setHeader(res, 'cache-control', 'no-store');
  http.setHeader(res, 'content-type', 'text/html; charset=utf-8');
  http.reply(res, page.html, page.status);
}
