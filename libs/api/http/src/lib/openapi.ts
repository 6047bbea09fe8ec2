import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { LAUNCHPAD_VERSION } from '@launchpad/api-config';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/openapi.json';

/** The API's OpenAPI document, generated from the controllers and DTOs. */
export function setupOpenApi(app: INestApplication): void {
  const document = cleanupOpenApiDoc(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Launchpad API')
        .setDescription(
          'Deploy and manage servers in your own Linode and DigitalOcean accounts. Errors of /api/* ' +
            'answer { statusCode, error, message, requestId, fields? }.',
        )
        .setVersion(LAUNCHPAD_VERSION)
        .build(),
    ),
  );
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}
