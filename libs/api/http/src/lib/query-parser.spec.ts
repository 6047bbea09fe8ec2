import { parseQuery } from './query-parser';

describe('parseQuery', () => {
  it('reads each parameter as one string', () => {
    expect(parseQuery('code=a&state=x%20y&empty=')).toEqual({ code: 'a', state: 'x y', empty: '' });
  });

  it('reads a parameter given twice as absent, never as an array', () => {
    expect(parseQuery('code=a&state=x&state=y')).toEqual({ code: 'a' });
    expect(parseQuery('state=x&state=x')).toEqual({});
  });

  it('keeps bracket names flat and prototype names harmless', () => {
    const parsed = parseQuery('a[b]=c&__proto__=x&constructor=y');
    expect(parsed['a[b]']).toBe('c');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed['constructor']).toBe('y');
  });
});
