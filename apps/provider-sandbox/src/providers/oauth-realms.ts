import type { Realm } from '../http/realm';
import { oauthErrors } from './oauth-errors';

/** login.linode.com and cloud.digitalocean.com/v1/oauth; their endpoints come with the OAuth servers. */
export function oauthRealms(): Realm[] {
  return [
    { prefix: '/linode/login', routes: [], errors: oauthErrors },
    { prefix: '/digitalocean/oauth', routes: [], errors: oauthErrors },
  ];
}
