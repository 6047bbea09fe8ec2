import { Module } from '@nestjs/common';
import { AccountsModule } from '@launchpad/api-accounts';
import { CatalogModule } from '@launchpad/api-catalog';
import { SessionsModule } from '@launchpad/api-sessions';
import { DeploymentScheduler } from './deployment-scheduler';
import { DeploymentWorker } from './deployment-worker';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';

/** Deployments: created idempotently, recorded first, driven to a final state by the worker. */
@Module({
  imports: [AccountsModule, CatalogModule, SessionsModule],
  controllers: [DeploymentsController],
  providers: [DeploymentsService, DeploymentWorker, DeploymentScheduler],
})
export class DeploymentsModule {}
