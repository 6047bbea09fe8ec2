import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { type AppConfig, appConfig } from '@launchpad/api-config';
import { AccountsService } from './accounts.service';

/**
 * Who may manage Launchpad's OAuth clients: the people named in ADMIN_EMAILS, recognised by
 * the email of their Launchpad user or of any provider account they linked.
 */
@Injectable()
export class AdminPolicy {
  private readonly adminEmails: readonly string[];

  /** `app.adminEmails`: ADMIN_EMAILS, lower-cased. */
  constructor(
    @Inject(appConfig.KEY) app: Pick<AppConfig, 'adminEmails'>,
    private readonly accounts: AccountsService,
  ) {
    this.adminEmails = app.adminEmails;
  }

  /** Whether any of these emails (the user's, their linked accounts') names an admin. */
  isAdminByEmails(emails: readonly (string | null | undefined)[]): boolean {
    return emails.some((email) => !!email && this.adminEmails.includes(email.toLowerCase()));
  }

  async require(userId: string): Promise<void> {
    const [user, linked] =
      this.adminEmails.length === 0
        ? [undefined, []]
        : await Promise.all([this.accounts.user(userId), this.accounts.list(userId)]);
    if (!this.isAdminByEmails([user?.email, ...linked.map((a) => a.email)])) {
      throw new ForbiddenException({
        error: 'admin_only',
        message: 'Only Launchpad admins (ADMIN_EMAILS) manage OAuth clients.',
      });
    }
  }
}
