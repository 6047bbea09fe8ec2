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

/**
 * A second application registered in the sandbox, "Another app": its codes must not work for
 * Launchpad (tests of the code-injection defence use it).
 */
export const SANDBOX_OTHER_OAUTH_CLIENTS: Record<'linode' | 'digitalocean', SandboxOAuthClient> = {
  linode: {
    clientId: '5f0c3e9a1b7d2c4e8a6f',
    clientSecret: '0f3c9b7e5d1a2c4e6f8091a3b5c7d9e1f2a4c6e8b0d1f3a5c7e9b1d3f5a7c9e1',
  },
  digitalocean: {
    clientId: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d',
    clientSecret: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b',
  },
};
