import { ForbiddenException } from '@nestjs/common';
import type { AccountsService } from './accounts.service';

/**
 * Who may manage Launchpad's OAuth clients: the people named in ADMIN_EMAILS, recognised by
 * the email of their Launchpad user or of any provider account they linked.
 */
export class AdminPolicy {
  constructor(
    private readonly adminEmails: readonly string[],
    private readonly accounts: AccountsService,
  ) {}

  async isAdmin(userId: string): Promise<boolean> {
    if (this.adminEmails.length === 0) return false;
    const [user, linked] = await Promise.all([
      this.accounts.user(userId),
      this.accounts.list(userId),
    ]);
    return [user?.email, ...linked.map((a) => a.email)].some(
      (email) => !!email && this.adminEmails.includes(email.toLowerCase()),
    );
  }

  async require(userId: string): Promise<void> {
    if (!(await this.isAdmin(userId))) {
      throw new ForbiddenException({
        error: 'admin_only',
        message: 'Only Launchpad admins (ADMIN_EMAILS) manage OAuth clients.',
      });
    }
  }
}
