module.exports = {
  displayName: 'api-rate-limits',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/rate-limits',
};
