export function sharedApiTypes(): string {
  return 'shared-api-types';
}
