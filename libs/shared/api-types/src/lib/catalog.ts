import type { ProviderName } from './auth';

export interface PlanView {
  id: string;
  label: string;
  vcpus: number;
  memoryMb: number;
  diskGb: number;
  priceMonthly: number;
  priceHourly: number;
  /** The regions that can host this plan. */
  regions: string[];
}

export interface RegionView {
  id: string;
  label: string;
}

export interface ImageView {
  id: string;
  label: string;
}

/** An input the application asks for (a Linode StackScript UDF, or a cloud-init template field). */
export interface FieldView {
  name: string;
  label: string;
  required: boolean;
  default: string | null;
  example: string | null;
  /**
   * What the value must be: `text` (free text, no control characters), `number` (a whole number
   * within `min`..`max`), `email`, `hostname` (RFC 1123), `oneof` (one of `options`) or `manyof`
   * (a comma-separated list drawn from `options`).
   */
  kind: 'text' | 'number' | 'email' | 'hostname' | 'oneof' | 'manyof';
  options: string[];
  /** For `number`: the smallest and largest value allowed (null: no bound). */
  min: number | null;
  max: number | null;
}

export interface ApplicationView {
  id: string;
  name: string;
  description: string;
  providers: ProviderName[];
}

/** `GET /api/catalog/:provider?application=…`: what can be deployed there, with prices. */
export interface CatalogView {
  provider: ProviderName;
  application: ApplicationView;
  plans: PlanView[];
  regions: RegionView[];
  images: ImageView[];
  fields: FieldView[];
  /** When the provider's public data was fetched (it is cached and revalidated). */
  fetchedAt: string;
}
