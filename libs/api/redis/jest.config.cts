module.exports = {
  displayName: 'api-redis',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/redis',
};
