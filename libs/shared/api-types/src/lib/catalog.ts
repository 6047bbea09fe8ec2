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
  kind: 'text' | 'oneof' | 'manyof';
  options: string[];
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
