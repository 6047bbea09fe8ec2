import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/**
 * Lint of the Angular projects (apps/web and libs/web/*), each of whose eslint.config.mjs is
 * this: the workspace's rules, Angular's and its templates', the `lp` selector prefix and
 * OnPush change detection everywhere.
 */
export default [
  ...baseConfig,
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'lp', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'lp', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
];
