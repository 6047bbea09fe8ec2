import type { Route } from '@angular/router';
import { signedInGuard } from '@launchpad/web-data-access';
import { NotFoundPage } from './not-found/not-found-page';

/** Each area is a feature library, loaded when first visited. */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    loadChildren: () => import('@launchpad/web-feature-home').then((m) => m.homeRoutes),
  },
  {
    path: 'sign-in',
    loadChildren: () => import('@launchpad/web-feature-auth').then((m) => m.signInRoutes),
  },
  {
    path: 'signed-out',
    loadChildren: () => import('@launchpad/web-feature-auth').then((m) => m.signedOutRoutes),
  },
  {
    path: 'accounts',
    canActivate: [signedInGuard],
    loadChildren: () => import('@launchpad/web-feature-accounts').then((m) => m.accountsRoutes),
  },
  {
    path: 'servers',
    canActivate: [signedInGuard],
    loadChildren: () => import('@launchpad/web-feature-servers').then((m) => m.serversRoutes),
  },
  {
    path: 'deploy',
    canActivate: [signedInGuard],
    loadChildren: () => import('@launchpad/web-feature-deploy').then((m) => m.deployRoutes),
  },
  {
    path: 'deployments',
    canActivate: [signedInGuard],
    loadChildren: () => import('@launchpad/web-feature-deployment').then((m) => m.deploymentRoutes),
  },
  {
    path: 'activate',
    canActivate: [signedInGuard],
    loadChildren: () => import('@launchpad/web-feature-activate').then((m) => m.activateRoutes),
  },
  { path: '**', title: 'Page not found · Launchpad', component: NotFoundPage },
];
