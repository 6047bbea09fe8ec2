/**
 * The one base of every project's Jest configuration (each jest.config.cts names it as its
 * `preset`): Nx's preset, that is ts-jest with the project's tsconfig.spec.json, Nx's resolver
 * for the workspace's path aliases, and the test file pattern. A project's own file states only
 * what is its own: its name and coverage directory, its environment (`node` for the API, its
 * libraries, the sandbox, the CLI and the tools; the Angular projects keep the preset's jsdom and
 * add jest-preset-angular), and timeouts.
 */
const nxPreset = require('@nx/jest/preset').default;

module.exports = { ...nxPreset };
