import { Module } from '@nestjs/common';
import { ProvidersModule } from '@launchpad/api-providers';
import { AccountsService } from './accounts.service';
import { AdminPolicy } from './admin-policy';
import { RevocationService } from './revocations';
import { TokenCipher } from './token-cipher';
import { TokenVault } from './token-vault';

/** Users and their linked provider accounts, with the token vault that holds their tokens sealed. */
@Module({
  imports: [ProvidersModule],
  providers: [TokenCipher, AccountsService, TokenVault, RevocationService, AdminPolicy],
  exports: [
    TokenCipher,
    AccountsService,
    TokenVault,
    RevocationService,
    AdminPolicy,
    ProvidersModule,
  ],
})
export class AccountsModule {}
