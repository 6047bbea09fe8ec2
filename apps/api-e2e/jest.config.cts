module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Each file starts its own API processes on free ports; they boot in a few seconds.
  testTimeout: 60_000,
};
