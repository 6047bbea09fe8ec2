import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@launchpad/api-accounts';
import { ProvidersModule } from '@launchpad/api-providers';
import { SessionsModule } from '@launchpad/api-sessions';
import { AccountsController, SessionController } from './accounts.controller';
import { AuthController } from './auth.controller';
import { DigitalOceanStrategy } from './digitalocean.strategy';
import { LinodeStrategy } from './linode.strategy';
import { MaintenanceService } from './maintenance.service';
import { OAuthStateStore } from './oauth-state.store';
import { DigitalOceanAuthGuard, LinodeAuthGuard, ProviderAuthGuard } from './provider-auth.guard';
import { SignInService } from './sign-in.service';

/**
 * Sign-in with the providers (passport-oauth2, one strategy each), the session and linked
 * accounts endpoints, and the background upkeep of tokens, revocations, sessions and states.
 */
@Module({
  // No passport session: the state lives in the database, the signed-in user in SessionService.
  imports: [
    PassportModule.register({ session: false }),
    AccountsModule,
    SessionsModule,
    ProvidersModule,
  ],
  controllers: [AuthController, SessionController, AccountsController],
  providers: [
    OAuthStateStore,
    LinodeStrategy,
    DigitalOceanStrategy,
    LinodeAuthGuard,
    DigitalOceanAuthGuard,
    ProviderAuthGuard,
    SignInService,
    MaintenanceService,
  ],
})
export class AuthModule {}
