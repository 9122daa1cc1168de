import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorBody } from '@seg/http';

/** The body parsers read any request that sends a body, before a route sees it: these are theirs. */
const BODY_READ_ERRORS = {
  400: 'Bad input: every invalid field is named in `details` (a body that is not valid JSON is `body`)',
  413: 'The body is too large',
  415: 'The body has a content type, encoding or charset this API does not read',
} as const;

/**
 * The OpenAPI document of the API, read from the controllers and DTOs. `npm run api:types`
 * builds it from the built app (the DTOs' properties come from the Nest CLI's swagger plugin)
 * and generates the web app's types from it.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SEG Network API')
      .setDescription('Membership and network directory of the RCGP Secure Environments Group')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiErrorBody] },
  );
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch]) {
      if (!operation) continue;
      for (const [status, description] of Object.entries(BODY_READ_ERRORS)) {
        operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } },
        };
      }
    }
  }
  return document;
}
