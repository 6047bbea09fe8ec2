module.exports = {
  displayName: 'api-oauth-tokens',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/oauth-tokens',
};
