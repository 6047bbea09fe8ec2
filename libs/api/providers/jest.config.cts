module.exports = {
  displayName: 'api-providers',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/providers',
};
