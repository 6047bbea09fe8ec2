import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { OAuthError } from '@launchpad/api-http';

const FORM = 'application/x-www-form-urlencoded';

/**
 * RFC 6749 §3.2 / RFC 8628 §3.1: the endpoints take form-encoded UTF-8 parameters. Express's
 * urlencoded parser also decodes ISO-8859-1 and Express's JSON parser reads JSON bodies, so the
 * content type and charset are checked here, before any parameter is looked at.
 */
@Injectable()
export class FormEncodedGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const [type, ...params] = (req.headers['content-type'] ?? '').split(';');
    // (Not req.is(): it answers null for an empty body, which is a valid, empty form.)
    if (type?.trim().toLowerCase() !== FORM) {
      throw new OAuthError(
        'invalid_request',
        `Send the parameters form-encoded (Content-Type: ${FORM}).`,
      );
    }
    const charset = params
      .map((param) => param.trim().toLowerCase())
      .find((param) => param.startsWith('charset='))
      ?.slice('charset='.length)
      .replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new OAuthError('invalid_request', 'Send the parameters in UTF-8.', 415);
    }
    return true;
  }
}
