import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER } from '@launchpad/shared-api-types';
import type { LaunchpadScope } from '@launchpad/shared-scopes';
import type { Request, Response } from 'express';
import { ApiDeviceToken } from '@launchpad/api-http';
import { OAuthTokensService } from '@launchpad/api-oauth-tokens';
import { type CurrentSession, SessionService } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION = Symbol('launchpad session');
const SCOPE = 'launchpad:scope';

type RequestWithSession = Request & { [SESSION]?: CurrentSession };

/**
 * The Launchpad scope a route needs from a device token (RFC 8628 tokens for the CLI and other
 * devices). Routes without one accept only a browser session. It documents itself in the
 * OpenAPI document (ApiDeviceToken), so the document says what this guard checks.
 */
export const RequiresScope = (scope: LaunchpadScope) =>
  applyDecorators(SetMetadata(SCOPE, scope), ApiDeviceToken(scope));

/**
 * Routes for a signed-in person: a browser session cookie, or a device-flow bearer token with
 * the route's scope (RFC 6750: 401 `invalid_token`, 403 `insufficient_scope`, each with its
 * WWW-Authenticate challenge). Session writes must also carry the session's CSRF token in
 * X-CSRF-Token (a synchronizer token a cross-site page cannot read); bearer requests cannot be
 * forged cross-site and need none.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: OAuthTokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithSession>();
    const authorization = req.get('authorization');
    if (authorization?.startsWith('Bearer ')) {
      req[SESSION] = await this.bearer(context, authorization.slice(7).trim());
      return true;
    }
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

  private async bearer(context: ExecutionContext, token: string): Promise<CurrentSession> {
    const res = context.switchToHttp().getResponse<Response>();
    const grant = await this.tokens.verifyAccess(token);
    if (!grant) {
      res.setHeader(
        'WWW-Authenticate',
        'Bearer error="invalid_token", error_description="The access token is unknown, expired or revoked."',
      );
      throw new UnauthorizedException({
        error: 'invalid_token',
        message: 'The access token is unknown, expired or revoked; sign in on the device again.',
      });
    }
    const scope = this.reflector.getAllAndOverride<LaunchpadScope | undefined>(SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!scope || !grant.scopes.includes(scope)) {
      res.setHeader(
        'WWW-Authenticate',
        scope
          ? `Bearer error="insufficient_scope", scope="${scope}"`
          : 'Bearer error="insufficient_scope"',
      );
      throw new ForbiddenException({
        error: 'insufficient_scope',
        message: scope
          ? `This token was not granted ${scope}; log in on the device again asking for it.`
          : 'This needs a signed-in browser session; device tokens cannot do it.',
      });
    }
    return {
      id: '',
      via: 'bearer',
      session: { userId: grant.userId, idHash: '', expiresAt: grant.expiresAt },
    };
  }
}

/**
 * The session or device grant SignedInGuard found for this request, for the guards that run
 * after it (AdminGuard); throws on a route without SignedInGuard.
 */
export function signedInOf(context: ExecutionContext): CurrentSession {
  const current = context.switchToHttp().getRequest<RequestWithSession>()[SESSION];
  if (!current) throw new Error('a signed-in user was asked for on a route without SignedInGuard');
  return current;
}

/** The session or device grant SignedInGuard found. */
export const SignedIn = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  signedInOf(context),
);
