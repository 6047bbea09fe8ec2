import { type ExecutionContext, createParamDecorator } from '@nestjs/common';

/** What the token endpoint answered, before Launchpad looks at it. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  params: Record<string, unknown>;
}

/**
 * A callback passport accepted: the state was this browser's and unused, the code exchanged.
 * `linkUserId`: the user who started it to link an account, or null for a sign-in.
 */
export interface ProviderSignIn extends TokenResponse {
  linkUserId: string | null;
}

/** The ProviderSignIn that ProviderAuthGuard put on the callback's request. */
export const AcceptedSignIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ProviderSignIn => {
    const signIn = context.switchToHttp().getRequest<{ user?: ProviderSignIn }>().user;
    if (!signIn) throw new Error('@AcceptedSignIn() used on a route without ProviderAuthGuard');
    return signIn;
  },
);
