import type {
  ApplicationView,
  CatalogView,
  DeploymentRequest,
  ProviderName,
} from '@launchpad/shared-api-types';

export const DEPLOY_STEPS = [
  'Application',
  'Provider',
  'Plan',
  'Region',
  'Image',
  'Details',
  'Review',
] as const;

/** The wizard's first two answers: they decide which catalog the rest is drawn from. */
export interface DeployTarget {
  application?: ApplicationView;
  provider?: ProviderName;
}

/** Everything else the person chooses or types, for one catalog (the form's model). */
export interface DeployDraft {
  plan: string;
  region: string;
  image: string;
  details: DeployDetailsDraft;
}

/** The Details step: the server's name and the application's fields (Linode UDFs and the like). */
export interface DeployDetailsDraft {
  label: string;
  fields: Record<string, string>;
}

/**
 * A fresh draft for a catalog: each field at its default, the only image already chosen, and a
 * name the person may keep (`wordpress-k3f9a`).
 */
export function newDraft(catalog: CatalogView | undefined): DeployDraft {
  const images = catalog?.images ?? [];
  return {
    plan: '',
    region: '',
    image: images.length === 1 ? (images[0]?.id ?? '') : '',
    details: {
      label: catalog ? `${catalog.application.id}-${Math.random().toString(36).slice(2, 7)}` : '',
      fields: Object.fromEntries((catalog?.fields ?? []).map((f) => [f.name, f.default ?? ''])),
    },
  };
}

/** The request for a complete draft, or undefined while something is missing. */
export function deploymentRequest(
  target: DeployTarget,
  draft: DeployDraft,
): DeploymentRequest | undefined {
  const { application, provider } = target;
  const { plan, region, image, details } = draft;
  if (!application || !provider || !plan || !region || !image) return undefined;
  // Left empty: the API fills in the default.
  const fields = Object.fromEntries(
    Object.entries(details.fields).filter(([, value]) => value !== ''),
  );
  return {
    provider,
    application: application.id,
    plan,
    region,
    image,
    label: details.label,
    fields,
  };
}
