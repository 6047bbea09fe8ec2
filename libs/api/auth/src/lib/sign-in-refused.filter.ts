import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InsufficientScopesError, SignInFailedError } from './sign-in.errors';

/**
 * A refused callback ends, like an accepted one, in a redirect to a clean SPA URL (never a page
 * carrying the code): the failed page with its reason, or the insufficient-scopes page naming
 * what is missing. ProviderAuthGuard has set no-store, no-referrer and cleared the state cookie.
 */
@Catch(SignInFailedError, InsufficientScopesError)
export class SignInRefusedFilter implements ExceptionFilter {
  catch(refusal: SignInFailedError | InsufficientScopesError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.redirect(
      303,
      refusal instanceof InsufficientScopesError
        ? `/sign-in/insufficient-scopes?${new URLSearchParams({ provider: refusal.provider, missing: refusal.missing.join(' ') })}`
        : `/sign-in/failed?${new URLSearchParams({ provider: refusal.provider, reason: refusal.reason })}`,
    );
  }
}
