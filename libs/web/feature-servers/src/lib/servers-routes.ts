import type { Routes } from '@angular/router';
import { ServersPage } from './servers-page';

export const serversRoutes: Routes = [
  { path: '', title: 'Servers · Launchpad', component: ServersPage },
];
