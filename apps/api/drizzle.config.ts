import { defineConfig } from 'drizzle-kit';

// Used only by `nx run api:db-generate` to write SQL migrations from src/database/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/database/schema.ts',
  out: './src/database/migrations',
});
