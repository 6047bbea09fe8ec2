import type { Routes } from '@angular/router';
import { DeploymentPage } from './deployment-page';

/** Under `/deployments`: `:id` is the deployment to follow. */
export const deploymentRoutes: Routes = [
  { path: ':id', title: 'Deployment · Launchpad', component: DeploymentPage },
];
