import type { Route } from '@angular/router';
import { signedInGuard } from './core/session/signed-in-guard';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Launchpad',
    loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
  },
  {
    path: 'sign-in',
    pathMatch: 'full',
    title: 'Sign in · Launchpad',
    loadComponent: () => import('./auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-in/failed',
    title: 'Sign-in failed · Launchpad',
    loadComponent: () => import('./auth/sign-in-failed-page').then((m) => m.SignInFailedPage),
  },
  {
    path: 'sign-in/insufficient-scopes',
    title: 'More access needed · Launchpad',
    loadComponent: () =>
      import('./auth/insufficient-scopes-page').then((m) => m.InsufficientScopesPage),
  },
  {
    path: 'signed-out',
    title: 'Signed out · Launchpad',
    loadComponent: () => import('./auth/signed-out-page').then((m) => m.SignedOutPage),
  },
  {
    path: 'accounts',
    title: 'Linked accounts · Launchpad',
    canActivate: [signedInGuard],
    loadComponent: () => import('./accounts/accounts-page').then((m) => m.AccountsPage),
  },
  {
    path: 'servers',
    title: 'Servers · Launchpad',
    canActivate: [signedInGuard],
    loadComponent: () => import('./servers/servers-page').then((m) => m.ServersPage),
  },
  {
    path: 'deploy',
    title: 'Deploy · Launchpad',
    canActivate: [signedInGuard],
    loadComponent: () => import('./deploy/deploy-page').then((m) => m.DeployPage),
  },
  {
    path: 'deployments/:id',
    title: 'Deployment · Launchpad',
    canActivate: [signedInGuard],
    loadComponent: () => import('./deploy/deployment-page').then((m) => m.DeploymentPage),
  },
  {
    path: 'activate',
    title: 'Connect a device · Launchpad',
    canActivate: [signedInGuard],
    loadComponent: () => import('./activate/activate-page').then((m) => m.ActivatePage),
  },
  {
    path: '**',
    title: 'Page not found · Launchpad',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
