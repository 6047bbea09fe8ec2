module.exports = {
  displayName: 'api-deployments',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/deployments',
};
