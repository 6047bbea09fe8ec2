import { Module } from '@nestjs/common';
import { OAuthTokensService } from './oauth-tokens.service';

/** The access and refresh tokens Launchpad's authorization server issues (RFC 6749, RFC 9700). */
@Module({ providers: [OAuthTokensService], exports: [OAuthTokensService] })
export class OAuthTokensModule {}
