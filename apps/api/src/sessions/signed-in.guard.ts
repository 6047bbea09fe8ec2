import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { CSRF_HEADER } from '@launchpad/shared-api-types';
import type { Request } from 'express';
import { type CurrentSession, SessionService } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION = Symbol('launchpad session');

type RequestWithSession = Request & { [SESSION]?: CurrentSession };

/**
 * Routes for a signed-in person. State-changing requests must also carry the session's CSRF
 * token in X-CSRF-Token (a synchronizer token the SPA reads from GET /api/session): a cross-site
 * form or fetch cannot read it, whatever the browser's SameSite support.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithSession>();
    const current = await this.sessions.current(req);
    if (!current) {
      throw new UnauthorizedException({
        error: 'unauthenticated',
        message: 'Sign in to Launchpad first.',
      });
    }
    if (
      !SAFE_METHODS.has(req.method) &&
      !this.sessions.store.csrfTokenMatches(current.session, req.get(CSRF_HEADER))
    ) {
      throw new ForbiddenException({
        error: 'csrf_token_invalid',
        message: `This request lacks a valid ${CSRF_HEADER} header; reload the page and try again.`,
      });
    }
    req[SESSION] = current;
    return true;
  }
}

/** The session SignedInGuard found. */
export const SignedIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CurrentSession => {
    const current = context.switchToHttp().getRequest<RequestWithSession>()[SESSION];
    if (!current) throw new Error('@SignedIn() used on a route without SignedInGuard');
    return current;
  },
);
