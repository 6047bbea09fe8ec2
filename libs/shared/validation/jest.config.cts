module.exports = {
  displayName: 'shared-validation',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/shared/validation',
};
