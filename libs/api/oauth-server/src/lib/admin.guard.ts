import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AdminPolicy } from '@launchpad/api-accounts';
import { signedInOf } from '@launchpad/api-sessions';

/**
 * Routes for Launchpad admins (ADMIN_EMAILS), after SignedInGuard: 403 `admin_only` for everyone
 * else. A guard, so that it runs before the validation pipe: a non-admin learns nothing of what a
 * valid request would be.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly admins: AdminPolicy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.admins.require(signedInOf(context).session.userId);
    return true;
  }
}
