module.exports = {
  displayName: 'api-applications',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/applications',
};
