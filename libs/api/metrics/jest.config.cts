module.exports = {
  displayName: 'api-metrics',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/metrics',
};
