import { isApiErrorBody } from './api-error-guard';

describe('isApiErrorBody', () => {
  it('accepts the documented error shape', () => {
    expect(
      isApiErrorBody({
        statusCode: 404,
        error: 'not_found',
        message: 'No such route',
        requestId: 'r1',
      }),
    ).toBe(true);
  });

  it('accepts field-level errors', () => {
    expect(
      isApiErrorBody({
        statusCode: 400,
        error: 'validation_failed',
        message: 'Invalid input',
        requestId: 'r2',
        fields: [{ field: 'label', message: 'Too short' }],
      }),
    ).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'not found'],
    ['a Nest default error', { statusCode: 404, message: 'Cannot GET /x', error: 'Not Found' }],
    ['an OAuth error', { error: 'invalid_grant', error_description: 'expired' }],
    ['a non-numeric status', { statusCode: '404', error: 'x', message: 'y', requestId: 'z' }],
    [
      'malformed fields',
      { statusCode: 400, error: 'x', message: 'y', requestId: 'z', fields: [{}] },
    ],
  ])('rejects %s', (_name, value) => {
    expect(isApiErrorBody(value)).toBe(false);
  });
});
