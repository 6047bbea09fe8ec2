const { relative } = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/**
 * The Jest configuration of an Angular project (apps/web and libs/web/*), from its folder
 * (`__dirname` of its jest.config.cts) and name: jest-preset-angular over the workspace preset,
 * zoneless (jest.angular-setup.ts), and the workspace libraries from their sources, as the
 * app's build resolves them.
 */
module.exports = function angularJestConfig(projectDir, displayName) {
  const toRoot = relative(projectDir, __dirname) || '.';
  return {
    displayName,
    preset: `${toRoot}/jest.preset.js`,
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
      prefix: `<rootDir>/${toRoot}/`,
    }),
    setupFilesAfterEnv: [`<rootDir>/${toRoot}/jest.angular-setup.ts`],
    coverageDirectory: `${toRoot}/coverage/${relative(__dirname, projectDir)}`,
    transform: {
      '^.+\\.(ts|mjs|js|html)$': [
        'jest-preset-angular',
        {
          tsconfig: '<rootDir>/tsconfig.spec.json',
          stringifyContentPathRegex: '\\.(html|svg)$',
        },
      ],
    },
    transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
    snapshotSerializers: [
      'jest-preset-angular/build/serializers/no-ng-attributes',
      'jest-preset-angular/build/serializers/ng-snapshot',
      'jest-preset-angular/build/serializers/html-comment',
    ],
  };
};
