module.exports = {
  displayName: 'api-auth',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/auth',
};
