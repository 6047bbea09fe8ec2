/**
 * Launchpad's OAuth clients registered in the provider sandbox: documented, deterministic, and
 * valid nowhere but the sandbox. One definition for the sandbox (which registers them) and the
 * API (which uses them when no real credentials are configured).
 */
export interface SandboxOAuthClient {
  clientId: string;
  clientSecret: string;
}

export const SANDBOX_OAUTH_CLIENTS: Record<'linode' | 'digitalocean', SandboxOAuthClient> = {
  // Linode ids are 20 hex characters, secrets 64 (reference linode.md §1.2).
  linode: {
    clientId: 'd6c9acd48fbea966f84c',
    clientSecret: 'a42c98c6ba3c8175532cc7dcc430b8c43b66fab1ea4c70d9c64e90ed78a72c0a',
  },
  // DigitalOcean ids and secrets are 64 hex characters (reference digitalocean.md §1.2).
  digitalocean: {
    clientId: '0fd875d3431d41edd90fc624567d0fa9ac5671561f75d4c67630e3f03c6f3727',
    clientSecret: '8570fcdc71554cc6d48c1f8e0bccb35e09265bbc078fa7f23baaaba1ef5fb882',
  },
};
