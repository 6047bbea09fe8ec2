import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The one schema of PGlite and PostgreSQL alike. After a change here run
 * `npx nx run api:db-generate` and commit the migration it writes to ./migrations.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  displayName: text('display_name').notNull(),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
