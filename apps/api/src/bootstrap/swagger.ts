import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('PatrolShield API')
    .setDescription(
      'Back-office REST for PatrolShield. Real-time commands and events travel over Socket.IO: their ' +
        'AsyncAPI document is at [/api/asyncapi](/api/asyncapi) (JSON: /api/asyncapi.json), the contract ' +
        'for people is docs/protocol.md in the repository. ' +
        'Errors are { statusCode, code, message, details? } with the same codes as socket acks.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    // Keeps the bearer token entered in "Authorize" across page reloads (browser localStorage).
    swaggerOptions: { persistAuthorization: true },
  });
}
