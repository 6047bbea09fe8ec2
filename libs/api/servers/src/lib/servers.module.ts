import { Module } from '@nestjs/common';
import { AccountsModule } from '@launchpad/api-accounts';
import { SessionsModule } from '@launchpad/api-sessions';
import { ServersController } from './servers.controller';
import { ServersService } from './servers.service';

/** Every server of every linked account, one dashboard across providers; reboot and delete. */
@Module({
  imports: [AccountsModule, SessionsModule],
  controllers: [ServersController],
  providers: [ServersService],
})
export class ServersModule {}
