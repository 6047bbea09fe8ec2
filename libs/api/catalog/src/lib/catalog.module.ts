import { Module } from '@nestjs/common';
import { AccountsModule } from '@launchpad/api-accounts';
import { SessionsModule } from '@launchpad/api-sessions';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/** The deployable applications and each provider's plans, regions and images (cached). */
@Module({
  imports: [AccountsModule, SessionsModule],
  controllers: [CatalogController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
