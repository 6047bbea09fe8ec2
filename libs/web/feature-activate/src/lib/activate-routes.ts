import type { Routes } from '@angular/router';
import { ActivatePage } from './activate-page';

export const activateRoutes: Routes = [
  { path: '', title: 'Connect a device · Launchpad', component: ActivatePage },
];
