module.exports = {
  displayName: 'api-accounts',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/accounts',
};
