export * from './lib/deployments.module';
export { DeploymentsService } from './lib/deployments.service';
