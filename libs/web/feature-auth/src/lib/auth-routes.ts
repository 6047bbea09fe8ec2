import type { Routes } from '@angular/router';
import { InsufficientScopesPage } from './insufficient-scopes-page';
import { SignInFailedPage } from './sign-in-failed-page';
import { SignInPage } from './sign-in-page';
import { SignedOutPage } from './signed-out-page';

/** Under `/sign-in`: the page itself, and where the API's callback sends a refused sign-in. */
export const signInRoutes: Routes = [
  { path: '', pathMatch: 'full', title: 'Sign in · Launchpad', component: SignInPage },
  { path: 'failed', title: 'Sign-in failed · Launchpad', component: SignInFailedPage },
  {
    path: 'insufficient-scopes',
    title: 'More access needed · Launchpad',
    component: InsufficientScopesPage,
  },
];

/** `/signed-out`: what logout did to each provider's tokens. */
export const signedOutRoutes: Routes = [
  { path: '', title: 'Signed out · Launchpad', component: SignedOutPage },
];
