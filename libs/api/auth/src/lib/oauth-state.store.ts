import { Injectable, Optional } from '@nestjs/common';
import { and, eq, lt } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { ProviderName } from '@launchpad/api-config';
import { InjectDb, type LaunchpadDb, oauthStates } from '@launchpad/api-database';
import { TokenCipher } from '@launchpad/api-accounts';

export interface IssuedState {
  /** Goes into the authorize URL; only its hash is stored. */
  state: string;
  /** PKCE S256 challenge of the verifier kept (sealed) server-side. */
  codeChallenge: string;
}

export interface ConsumedState {
  codeVerifier: string;
  linkUserId: string | null;
}

const STATE_LIFETIME_MS = 10 * 60_000;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The `state` of sign-ins in progress (RFC 9700 §2.1, §4.7): random, single use, short-lived,
 * bound to one provider — a callback arriving on the other provider's path does not match (mix-up
 * defence) — and carrying the PKCE verifier. In the database, so any API instance can finish a
 * sign-in another one started.
 */
@Injectable()
export class OAuthStateStore {
  constructor(
    @InjectDb() private readonly db: LaunchpadDb,
    private readonly cipher: TokenCipher,
    @Optional() private readonly now: () => Date = () => new Date(),
  ) {}

  /** `codeVerifier`: the one the OAuth client made (passport-oauth2 makes its own), or a new one. */
  async issue(
    provider: ProviderName,
    linkUserId: string | null = null,
    codeVerifier = randomBytes(48).toString('base64url'),
  ): Promise<IssuedState> {
    const state = randomBytes(32).toString('base64url');
    const stateHash = hash(state);
    await this.db.insert(oauthStates).values({
      stateHash,
      provider,
      codeVerifierSealed: this.cipher.encrypt(codeVerifier, `oauth_state:${stateHash}`),
      linkUserId,
      createdAt: this.now(),
      expiresAt: new Date(this.now().getTime() + STATE_LIFETIME_MS),
    });
    return { state, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
  }

  /**
   * Takes the state out, atomically: of concurrent callbacks with one state exactly one gets it.
   * Unknown, replayed, expired or other-provider states give undefined.
   */
  async consume(
    provider: ProviderName,
    state: string | undefined,
  ): Promise<ConsumedState | undefined> {
    if (!state || state.length > 100) return undefined;
    const stateHash = hash(state);
    const [row] = await this.db
      .delete(oauthStates)
      .where(and(eq(oauthStates.stateHash, stateHash), eq(oauthStates.provider, provider)))
      .returning();
    if (!row || row.expiresAt.getTime() <= this.now().getTime()) return undefined;
    return {
      codeVerifier: this.cipher.decrypt(row.codeVerifierSealed, `oauth_state:${stateHash}`),
      linkUserId: row.linkUserId,
    };
  }

  /** Removes abandoned sign-ins; run periodically. */
  async sweep(): Promise<void> {
    await this.db.delete(oauthStates).where(lt(oauthStates.expiresAt, this.now()));
  }
}
