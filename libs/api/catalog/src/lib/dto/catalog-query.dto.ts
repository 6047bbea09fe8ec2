import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** `GET /api/catalog/{provider}?application=…`. */
export const catalogQuerySchema = z.object({
  application: z
    .string()
    .min(1)
    .max(64)
    .default('plain')
    .describe(
      'The application to deploy (GET /api/applications); `plain`, a bare server, when absent',
    ),
});

export class CatalogQueryDto extends createZodDto(catalogQuerySchema) {}
