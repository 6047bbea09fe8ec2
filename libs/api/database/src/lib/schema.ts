import {
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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

/**
 * A provider account linked to a Launchpad user. Tokens are sealed by the token vault
 * (AES-256-GCM, see vault/token-cipher.ts) and never leave the API.
 */
export const linkedAccounts = pgTable(
  'linked_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['linode', 'digitalocean'] }).notNull(),
    providerUserId: text('provider_user_id').notNull(),
    username: text('username'),
    email: text('email'),
    /** Granted scopes, space-separated, as the provider answered them. */
    scopes: text('scopes').notNull(),
    accessTokenSealed: text('access_token_sealed'),
    refreshTokenSealed: text('refresh_token_sealed'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    /** `needs_relink` after a failed refresh: the person must sign in with the provider again. */
    status: text('status', { enum: ['active', 'needs_relink'] })
      .notNull()
      .default('active'),
    /** Why the account needs re-linking, in words for the Accounts page. */
    statusReason: text('status_reason'),
    /**
     * A refresh in progress holds this lease (refresh tokens are single use): the instance whose
     * conditional UPDATE sets it refreshes, the others wait and read the result.
     */
    refreshLeaseUntil: timestamp('refresh_lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('linked_accounts_provider_identity').on(table.provider, table.providerUserId),
    index('linked_accounts_user').on(table.userId),
  ],
);

/** Server-side sessions; the cookie carries a random id, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The absolute limit; the idle limit is measured from last_seen_at. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/**
 * The `state` of a sign-in in progress (RFC 9700 §2.1): single use, short-lived, bound to the
 * provider's callback path, carrying the PKCE verifier (sealed) and the user to link, if any.
 */
export const oauthStates = pgTable('oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  provider: text('provider', { enum: ['linode', 'digitalocean'] }).notNull(),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  linkUserId: uuid('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Revocations at a provider that failed and are retried until they succeed (and reported). */
export const pendingRevocations = pgTable('pending_revocations', {
  id: uuid('id').primaryKey().defaultRandom(),
  provider: text('provider', { enum: ['linode', 'digitalocean'] }).notNull(),
  tokenSealed: text('token_sealed').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A server being deployed. Written before the provider is called and always driven to a final
 * state (`running`, or `failed` with the reason) by whichever instance holds its lease, also
 * after a restart. The root password is never stored.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => linkedAccounts.id, { onDelete: 'set null' }),
    provider: text('provider', { enum: ['linode', 'digitalocean'] }).notNull(),
    application: text('application').notNull(),
    label: text('label').notNull(),
    plan: text('plan').notNull(),
    region: text('region').notNull(),
    image: text('image').notNull(),
    status: text('status', {
      enum: ['queued', 'provisioning', 'booting', 'running', 'failed'],
    }).notNull(),
    message: text('message'),
    serverId: text('server_id'),
    ipv4: text('ipv4'),
    ipv6: text('ipv6'),
    monthlyPrice: doublePrecision('monthly_price'),
    /** The client's Idempotency-Key and a hash of the request it came with. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Bumped at every change; the events stream's event id. */
    version: integer('version').notNull().default(1),
    pollAttempts: integer('poll_attempts').notNull().default(0),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }).notNull().defaultNow(),
    /** Held by the request creating the server, then by the instance polling it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Not running by then: failed. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('deployments_idempotency').on(table.userId, table.idempotencyKey),
    index('deployments_user').on(table.userId),
    index('deployments_due').on(table.status, table.nextPollAt),
  ],
);

/**
 * OAuth clients of Launchpad's own authorization server (the device flow). Secrets are random
 * and stored as SHA-256 only; redirect URIs are kept for future grants.
 */
export const oauthClients = pgTable('oauth_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: ['public', 'confidential'] }).notNull(),
  secretHash: text('secret_hash'),
  /** Space-separated, as in OAuth. */
  grantTypes: text('grant_types').notNull(),
  allowedScopes: text('allowed_scopes').notNull(),
  defaultScopes: text('default_scopes').notNull(),
  redirectUris: text('redirect_uris').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** RFC 8628 device authorizations: the device code stored hashed, the user code normalized. */
export const deviceCodes = pgTable(
  'device_codes',
  {
    deviceCodeHash: text('device_code_hash').primaryKey(),
    /** 8 characters of the base-20 alphabet, without the dash. */
    userCode: text('user_code').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => oauthClients.clientId, { onDelete: 'cascade' }),
    scopes: text('scopes').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'denied', 'consumed'] })
      .notNull()
      .default('pending'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The poll interval this device must keep; raised by 5 s at each slow_down. */
    intervalSeconds: integer('interval_seconds').notNull(),
    lastPollAt: timestamp('last_poll_at', { withTimezone: true }),
    /** The token family issued for it, revoked if the code is replayed. */
    familyId: uuid('family_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('device_codes_user_code').on(table.userCode)],
);

/** Device codes cleaned up after expiry: a late poll still gets `expired_token`. */
export const deviceCodeTombstones = pgTable('device_code_tombstones', {
  deviceCodeHash: text('device_code_hash').primaryKey(),
  expiredAt: timestamp('expired_at', { withTimezone: true }).notNull(),
});

/**
 * Access and refresh tokens issued by the device flow, stored as SHA-256. A refresh rotates
 * within its family; reuse of a rotated refresh token revokes the whole family.
 */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind', { enum: ['access', 'refresh'] }).notNull(),
    familyId: uuid('family_id').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => oauthClients.clientId, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scopes: text('scopes').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** A refresh token that has been exchanged once (its reuse is an attack). */
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('oauth_tokens_family').on(table.familyId)],
);

/** Fixed-window counters shared by every instance (wrong user-code attempts). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

export type LinkedAccount = typeof linkedAccounts.$inferSelect;
export type Deployment = typeof deployments.$inferSelect;
export type Session = typeof sessions.$inferSelect;
