module.exports = {
  displayName: 'api-servers',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/servers',
};
