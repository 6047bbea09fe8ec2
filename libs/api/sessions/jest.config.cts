module.exports = {
  displayName: 'api-sessions',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/api/sessions',
};
