module.exports = {
  displayName: 'shared-scopes',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/shared/scopes',
};
