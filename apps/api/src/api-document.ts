import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the API, read from the controllers and DTOs. `npm run api:types`
 * builds it from the built app (the DTOs' properties come from the Nest CLI's swagger plugin)
 * and generates the web app's types from it.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SEG Network API')
      .setDescription('Membership and network directory of the RCGP Secure Environments Group')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
