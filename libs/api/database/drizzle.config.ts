import { defineConfig } from 'drizzle-kit';

// Used only by `nx run api-database:db-generate` to write SQL migrations from src/lib/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/schema.ts',
  out: './src/lib/migrations',
});
