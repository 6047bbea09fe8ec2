import { sharedApiTypes } from './shared-api-types';

describe('sharedApiTypes', () => {
  it('should work', () => {
    expect(sharedApiTypes()).toEqual('shared-api-types');
  });
});
