import type { Request, Response } from 'express';
import { Inject, Injectable } from '@nestjs/common';
import {
  type AppConfig,
  type SessionsConfig,
  appConfig,
  sessionsConfig,
} from '@launchpad/api-config';
import { readCookie, sessionCookieName } from '@launchpad/api-http';
import { type ActiveSession, SessionStore } from './session-store';

export interface CurrentSession {
  /** The cookie's value: the session id itself, which only the browser and this request see. */
  id: string;
  /** A browser session cookie, or a device-flow bearer token. */
  via: 'cookie' | 'bearer';
  session: ActiveSession;
}

/**
 * The session cookie: httpOnly, SameSite=Lax (sent on the top-level return from a provider,
 * never on cross-site subrequests), Secure and `__Host-` prefixed behind HTTPS. The id changes at
 * every sign-in and link (session fixation).
 */
@Injectable()
export class SessionService {
  readonly cookieName: string;
  private readonly secure: boolean;
  private readonly absoluteTimeoutMs: number;
  private readonly resolved = new WeakMap<Request, Promise<CurrentSession | undefined>>();

  /** Cookies are Secure and `__Host-` prefixed when `app.publicUrl` is https. */
  constructor(
    readonly store: SessionStore,
    @Inject(appConfig.KEY) app: Pick<AppConfig, 'publicUrl'>,
    @Inject(sessionsConfig.KEY) sessions: Pick<SessionsConfig, 'absoluteTimeoutMs'>,
  ) {
    this.secure = app.publicUrl.startsWith('https:');
    this.absoluteTimeoutMs = sessions.absoluteTimeoutMs;
    this.cookieName = sessionCookieName(app.publicUrl);
  }

  /** The request's live session, looked up once per request. */
  current(req: Request): Promise<CurrentSession | undefined> {
    let found = this.resolved.get(req);
    if (!found) {
      const id = readCookie(req, this.cookieName);
      found = this.store
        .resolve(id)
        .then((session) => (session && id ? { id, via: 'cookie' as const, session } : undefined));
      this.resolved.set(req, found);
    }
    return found;
  }

  /** Starts a fresh session for the user, ending this browser's previous one. */
  async begin(req: Request, res: Response, userId: string): Promise<void> {
    const id = await this.store.rotate(readCookie(req, this.cookieName), userId);
    res.cookie(this.cookieName, id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: this.absoluteTimeoutMs,
    });
  }

  async end(req: Request, res: Response): Promise<void> {
    const id = readCookie(req, this.cookieName);
    if (id) await this.store.destroy(id);
    res.clearCookie(this.cookieName, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
    });
  }
}
