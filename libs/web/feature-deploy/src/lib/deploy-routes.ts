import type { Routes } from '@angular/router';
import { DeployPage } from './deploy-page';

export const deployRoutes: Routes = [
  { path: '', title: 'Deploy · Launchpad', component: DeployPage },
];
