module.exports = {
  displayName: 'shared-api-types',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  coverageDirectory: '../../../coverage/libs/shared/api-types',
};
