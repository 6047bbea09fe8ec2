import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';
import { Price } from './price';
import { ProviderBadge } from './provider-badge';
import { StatusBadge } from './status-badge';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState, PageHeader, Price, ProviderBadge, StatusBadge],
  template: `
    <lp-page-header heading="Your servers"><a href="/deploy">Deploy a server</a></lp-page-header>
    <lp-empty-state message="No servers yet."><a href="/deploy">Deploy one</a></lp-empty-state>
    <span id="month"><lp-price [amount]="5" per="month" /></span>
    <span id="hour"><lp-price [amount]="0.0075" per="hour" /></span>
    <span id="bare"><lp-price [amount]="12" /></span>
    <span id="none"><lp-price [amount]="null" per="month" /></span>
    <lp-status-badge status="rebooting" />
    <lp-provider-badge provider="digitalocean" />
  `,
})
class Gallery {}

describe('the presentational components', () => {
  let el: HTMLElement;

  beforeEach(async () => {
    const fixture = TestBed.createComponent(Gallery);
    await fixture.whenStable();
    el = fixture.nativeElement as HTMLElement;
  });

  const text = (selector: string) => el.querySelector(selector)?.textContent?.trim();

  it('gives a page its one heading, with its actions beside it', () => {
    expect(el.querySelectorAll('h1')).toHaveLength(1);
    expect(text('lp-page-header h1')).toBe('Your servers');
    expect(text('lp-page-header .actions a')).toBe('Deploy a server');
  });

  it('says what an empty list means, and what to do', () => {
    expect(text('lp-empty-state .message')).toBe('No servers yet.');
    expect(text('lp-empty-state a')).toBe('Deploy one');
  });

  it('shows prices as the providers bill them', () => {
    expect(text('#month')).toBe('$5.00 per month');
    expect(text('#hour')).toBe('$0.0075 per hour');
    expect(text('#bare')).toBe('$12.00');
    expect(text('#none')).toBe('');
  });

  it('marks statuses and providers for their colours', () => {
    const status = el.querySelector<HTMLElement>('lp-status-badge');
    expect(status?.textContent).toBe('rebooting');
    expect(status?.dataset['status']).toBe('rebooting');
    const provider = el.querySelector<HTMLElement>('lp-provider-badge');
    expect(provider?.textContent).toBe('DigitalOcean');
    expect(provider?.dataset['provider']).toBe('digitalocean');
  });
});
