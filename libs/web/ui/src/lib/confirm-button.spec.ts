import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConfirmButton } from './confirm-button';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConfirmButton],
  template: `
    <lp-confirm-button
      label="Delete"
      confirmLabel="Delete for good"
      [danger]="true"
      [disabled]="disabled()"
      (confirmed)="confirmed = confirmed + 1"
      >Delete web-1?</lp-confirm-button
    >
  `,
})
class Host {
  readonly disabled = signal(false);
  confirmed = 0;
}

describe('ConfirmButton', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const buttons = () => Array.from(el.querySelectorAll('button'));
    const click = async (text: string) => {
      buttons()
        .find((b) => b.textContent?.trim() === text)
        ?.click();
      await fixture.whenStable();
    };
    return { fixture, el, buttons, click };
  }

  it('asks first, and does it only when confirmed', async () => {
    const { fixture, el, buttons, click } = await render();
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Delete']);
    expect(el.textContent).not.toContain('Delete web-1?');

    await click('Delete');
    expect(el.textContent).toContain('Delete web-1?');
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Delete for good', 'Cancel']);
    expect(buttons()[0]?.classList).toContain('danger');
    expect(document.activeElement).toBe(buttons()[0]);
    expect(fixture.componentInstance.confirmed).toBe(0);

    await click('Delete for good');
    expect(fixture.componentInstance.confirmed).toBe(1);
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Delete']);
  });

  it('does nothing on Cancel, and gives the focus back', async () => {
    const { fixture, buttons, click } = await render();
    await click('Delete');
    await click('Cancel');
    expect(fixture.componentInstance.confirmed).toBe(0);
    expect(document.activeElement).toBe(buttons()[0]);
  });

  it('can be disabled', async () => {
    const { fixture, buttons } = await render();
    fixture.componentInstance.disabled.set(true);
    await fixture.whenStable();
    expect(buttons()[0]?.disabled).toBe(true);
  });
});
