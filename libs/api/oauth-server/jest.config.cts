module.exports = {
  displayName: 'api-oauth-server',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/oauth-server',
};
