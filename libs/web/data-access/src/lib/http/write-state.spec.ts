import { HttpErrorResponse } from '@angular/common/http';
import { Subject, throwError } from 'rxjs';
import { WriteState } from './write-state';

describe('WriteState', () => {
  it('is busy while the write runs, and hands over its answer', () => {
    const write = new WriteState();
    const answer = new Subject<string>();
    const done = jest.fn();
    write.run(answer, { done });
    expect(write.busy()).toBe(true);
    answer.next('ok');
    answer.complete();
    expect(done).toHaveBeenCalledWith('ok');
    expect(write.busy()).toBe(false);
    expect(write.error()).toBeUndefined();
  });

  it('keeps the API’s message when the write fails, until the next one', () => {
    const write = new WriteState();
    const failed = jest.fn();
    const refusal = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'conflict', message: 'The last account', requestId: 'r' },
    });
    write.run(
      throwError(() => refusal),
      { failed },
    );
    expect(write.busy()).toBe(false);
    expect(write.error()).toBe('The last account');
    expect(failed).toHaveBeenCalledWith('The last account', refusal);
    write.run(new Subject());
    expect(write.error()).toBeUndefined();
  });
});
