import { Injectable, Optional } from '@nestjs/common';
import type { OAuthClientView } from '@launchpad/shared-api-types';
import { asc, eq } from 'drizzle-orm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InjectDb, type LaunchpadDb, oauthClients } from '@launchpad/api-database';
import { OAuthError } from '@launchpad/api-http';

export type OAuthClient = typeof oauthClients.$inferSelect;

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** The credentials a request presents: HTTP Basic (RFC 6749 §2.3.1) or form fields. */
export interface PresentedClient {
  clientId: string | undefined;
  clientSecret: string | undefined;
  basic: boolean;
}

/**
 * The client's credentials from one request: HTTP Basic (RFC 6749 §2.3.1; its parts are
 * form-urlencoded before base64, Appendix B), or client_id and client_secret in the form.
 * Throws OAuthError `invalid_request` (400) for a request that uses both, a secret in the form
 * beside Basic or a form client_id other than Basic's: "The client MUST NOT use more than one
 * authentication method in each request" (RFC 6749 §2.3).
 */
export function presentedClient(
  authorization: string | undefined,
  form: { client_id?: string; client_secret?: string },
): PresentedClient {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const decode = (v: string) => {
      try {
        return decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    };
    const clientId = colon < 0 ? undefined : decode(decoded.slice(0, colon));
    const formId = form['client_id'];
    if (form['client_secret'] !== undefined || (formId !== undefined && formId !== clientId)) {
      throw new OAuthError(
        'invalid_request',
        'Use one client authentication method: HTTP Basic, or client_id and client_secret in the form (RFC 6749 §2.3).',
      );
    }
    return {
      clientId,
      clientSecret: colon < 0 ? undefined : decode(decoded.slice(colon + 1)),
      basic: true,
    };
  }
  return { clientId: form['client_id'], clientSecret: form['client_secret'], basic: false };
}

/** Client records are read on every token request; they change rarely (see `find`). */
const CACHE_MS = 5_000;

/**
 * RFC 6749 Appendix A.1: a client_id is printable ASCII (VSCHAR, %x20-7E); ours are at most 200
 * characters. Anything else names no client, and is never looked up.
 */
function isClientId(value: string): boolean {
  return value.length > 0 && value.length <= 200 && /^[\x20-\x7e]+$/.test(value);
}

/** The client registry: public clients (the CLI) and confidential ones with hashed secrets. */
@Injectable()
export class OAuthClientsService {
  private readonly cache = new Map<string, { row: OAuthClient; until: number }>();

  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    @Optional() private readonly now: () => number = Date.now,
  ) {}

  /**
   * A client, from a per-instance cache of at most 5 s: every poll and device request needs it,
   * and a removed client is refused by every instance within those seconds (its tokens and
   * codes are deleted at once, with it).
   */
  async find(clientId: string): Promise<OAuthClient | undefined> {
    if (!isClientId(clientId)) return undefined;
    const cached = this.cache.get(clientId);
    if (cached && cached.until > this.now()) return cached.row;
    const [row] = await this.db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.clientId, clientId));
    if (row) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(clientId, { row, until: this.now() + CACHE_MS });
    }
    return row;
  }

  /** Authenticates the client of a request (invalid_client, 401 with a challenge after Basic). */
  async authenticate(presented: PresentedClient): Promise<OAuthClient> {
    const fail = () =>
      new OAuthError(
        'invalid_client',
        'Client authentication failed: unknown client, or wrong or missing credentials.',
        401,
        presented.basic ? { 'WWW-Authenticate': 'Basic realm="launchpad"' } : {},
      );
    if (!presented.clientId) throw fail();
    const client = await this.find(presented.clientId);
    if (!client) throw fail();
    if (client.type === 'confidential') {
      const expected = Buffer.from(client.secretHash ?? '', 'hex');
      const given = sha256(presented.clientSecret ?? '');
      if (
        !presented.clientSecret ||
        expected.length !== given.length ||
        !timingSafeEqual(expected, given)
      ) {
        throw fail();
      }
    } else if (presented.clientSecret) {
      throw fail();
    }
    return client;
  }

  /** Registers a client; returns the secret of a confidential one, shown this once. */
  async register(input: {
    clientId?: string;
    name: string;
    type: 'public' | 'confidential';
    grantTypes: string[];
    allowedScopes: string[];
    defaultScopes: string[];
    redirectUris?: string[];
  }): Promise<{ clientId: string; clientSecret: string | null }> {
    const clientId = input.clientId ?? `lpc_${randomBytes(12).toString('base64url')}`;
    const clientSecret =
      input.type === 'confidential' ? randomBytes(32).toString('base64url') : null;
    await this.db.insert(oauthClients).values({
      clientId,
      name: input.name,
      type: input.type,
      secretHash: clientSecret ? sha256(clientSecret).toString('hex') : null,
      grantTypes: input.grantTypes.join(' '),
      allowedScopes: input.allowedScopes.join(' '),
      defaultScopes: input.defaultScopes.join(' '),
      redirectUris: (input.redirectUris ?? []).join(' '),
    });
    return { clientId, clientSecret };
  }

  async list(): Promise<OAuthClientView[]> {
    const rows = await this.db.select().from(oauthClients).orderBy(asc(oauthClients.createdAt));
    return rows.map((row) => this.view(row));
  }

  /** Removes a client; its device codes and tokens go with it (foreign keys cascade). */
  async remove(clientId: string): Promise<boolean> {
    if (!isClientId(clientId)) return false;
    this.cache.delete(clientId);
    const removed = await this.db
      .delete(oauthClients)
      .where(eq(oauthClients.clientId, clientId))
      .returning({ clientId: oauthClients.clientId });
    return removed.length === 1;
  }

  view(row: OAuthClient): OAuthClientView {
    const list = (value: string) => value.split(' ').filter(Boolean);
    return {
      clientId: row.clientId,
      name: row.name,
      type: row.type,
      grantTypes: list(row.grantTypes),
      allowedScopes: list(row.allowedScopes),
      defaultScopes: list(row.defaultScopes),
      redirectUris: list(row.redirectUris),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
