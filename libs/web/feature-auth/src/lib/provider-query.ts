import { PROVIDER_LABELS, type ProviderName, isProviderName } from '@launchpad/shared-api-types';

/** The provider a `?provider=` query names, if it names one. */
export function providerOf(value: string | undefined): ProviderName | undefined {
  return isProviderName(value) ? value : undefined;
}

/** The provider's name for people, or `fallback` for an unknown one. */
export function providerLabel(value: string | undefined, fallback: string): string {
  const name = providerOf(value);
  return name ? PROVIDER_LABELS[name] : fallback;
}
