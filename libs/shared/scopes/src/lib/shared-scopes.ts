export function sharedScopes(): string {
  return 'shared-scopes';
}
