module.exports = {
  displayName: 'workspace',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Type-aware ESLint over real files of the workspace takes a while on two cores.
  testTimeout: 120_000,
};
