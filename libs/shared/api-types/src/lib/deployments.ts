import type { ProviderName } from './auth';

export type DeploymentStatus = 'queued' | 'provisioning' | 'booting' | 'running' | 'failed';

export const FINAL_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['running', 'failed'];

/** `POST /api/deployments` (with an `Idempotency-Key` header). */
export interface DeploymentRequest {
  provider: ProviderName;
  application: string;
  plan: string;
  region: string;
  image: string;
  label: string;
  /** The application's fields (Linode UDFs, cloud-init template fields), by name. */
  fields?: Record<string, string>;
}

/**
 * One way to reach what a deployed application serves: a web page (`http://203.0.113.7/`,
 * `http://203.0.113.7/wp-admin`) or a shell (`ssh://root@203.0.113.7`), with its label.
 */
export interface AccessPoint {
  label: string;
  url: string;
}

export interface DeploymentView {
  id: string;
  provider: ProviderName;
  accountId: string;
  application: string;
  label: string;
  plan: string;
  region: string;
  image: string;
  status: DeploymentStatus;
  /** Why it failed (the provider's reason), or what is happening now. */
  message: string | null;
  serverId: string | null;
  ipv4: string | null;
  ipv6: string | null;
  /** `ssh root@<ipv4>` once there is an address. */
  sshCommand: string | null;
  monthlyPrice: number | null;
  /**
   * How to reach the application once the server runs (its definition's `access`, with the
   * server's address in place of `{{ipv4}}`); empty before then.
   */
  access: AccessPoint[];
  createdAt: string;
  updatedAt: string;
  /** Increases with every change; the events stream uses it as the event id. */
  version: number;
}

/** The answer to a new deployment: the root password, shown this once and never stored. */
export interface DeploymentCreated {
  deployment: DeploymentView;
  rootPassword: string | null;
  /** True when this Idempotency-Key was seen before: the same deployment, no second password. */
  replayed: boolean;
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
