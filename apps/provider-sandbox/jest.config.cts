module.exports = {
  displayName: 'provider-sandbox',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../coverage/apps/provider-sandbox',
};
