import type { FieldView } from '@launchpad/shared-api-types';
import { fieldProblem, labelProblem } from './deployment-rules';

const field = (kind: FieldView['kind'], extra: Partial<FieldView> = {}): FieldView => ({
  name: 'f',
  label: 'Field',
  required: true,
  default: null,
  example: null,
  kind,
  options: [],
  min: null,
  max: null,
  ...extra,
});

describe('the rules of a deployment’s fields and server names (the API’s and the page’s)', () => {
  it('requires a value only of a field without a default', () => {
    expect(fieldProblem(field('text'), '')).toBe('Field is required.');
    expect(fieldProblem(field('text', { required: false }), '')).toBeUndefined();
  });

  it('refuses control characters but keeps tabs and line breaks as text', () => {
    expect(fieldProblem(field('text'), 'a\u0000b')).toBe(
      'Field must not contain control characters.',
    );
    expect(fieldProblem(field('text'), 'a\tb\nc\r')).toBeUndefined();
  });

  it.each([
    ['admin@example.com', true],
    ['first.last+tag@mail.example.org', true],
    ['ada@example', false],
    ['not an email', false],
    ['@example.com', false],
    ['a..b@example.com', false],
  ])('checks an email field as zod’s z.email() does: %s', (value, ok) => {
    const problem = fieldProblem(field('email', { example: 'admin@example.com' }), value);
    expect(problem === undefined).toBe(ok);
    if (!ok) expect(problem).toBe('Field must be an email address, like admin@example.com.');
  });

  it.each([
    ['1', true],
    ['64', true],
    ['0', false],
    ['65', false],
    ['2.5', false],
    ['1e3', false],
    ['two', false],
  ])('checks a number field against its bounds: %s', (value, ok) => {
    const problem = fieldProblem(field('number', { min: 1, max: 64 }), value);
    expect(problem === undefined).toBe(ok);
    if (!ok) expect(problem).toBe('Field must be a whole number from 1 to 64.');
  });

  it('names a one-sided bound, or none', () => {
    expect(fieldProblem(field('number', { min: 2 }), '1')).toBe(
      'Field must be a whole number of at least 2.',
    );
    expect(fieldProblem(field('number', { max: 2 }), '3')).toBe(
      'Field must be a whole number of at most 2.',
    );
    expect(fieldProblem(field('number'), 'x')).toBe('Field must be a whole number.');
  });

  it.each([
    ['www.example.com', true],
    ['localhost', true],
    ['a-b.c', true],
    ['-bad.example', false],
    ['bad_.example', false],
    ['has space.example', false],
  ])('checks a host name as RFC 1123 has it: %s', (value, ok) => {
    expect(fieldProblem(field('hostname'), value) === undefined).toBe(ok);
  });

  it('takes one of the options, or a comma-separated list of them', () => {
    const options = ['LAMP', 'LEMP'];
    expect(fieldProblem(field('oneof', { options }), 'LEMP')).toBeUndefined();
    expect(fieldProblem(field('oneof', { options }), 'IIS')).toBe(
      'Field must be one of LAMP, LEMP.',
    );
    const many = ['ufw', 'fail2ban'];
    expect(fieldProblem(field('manyof', { options: many }), 'ufw,fail2ban')).toBeUndefined();
    expect(fieldProblem(field('manyof', { options: many }), 'ufw,nginx')).toBe(
      'Field takes a comma-separated list drawn from ufw, fail2ban.',
    );
  });

  it('checks a server name by the provider’s own pattern', () => {
    expect(labelProblem('linode', 'wp-e2e')).toBeUndefined();
    expect(labelProblem('linode', 'ab')).toBe('Label must contain between 3 and 64 characters.');
    expect(labelProblem('linode', '1abc')).toMatch(/^Label must begin with a letter/);
    expect(labelProblem('linode', 'a--b')).toMatch(/no --, __ or \.\. in a row/);
    expect(labelProblem('digitalocean', 'droplet-e2e')).toBeUndefined();
    expect(labelProblem('digitalocean', 'ends-with-')).toMatch(/must end with a letter or digit/);
    expect(labelProblem('digitalocean', '')).toMatch(/^Name may contain only/);
  });
});
