import type { DemoUser } from '../state/sandbox-state';

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface ConsentPage {
  providerName: string;
  clientLabel: string;
  action: string;
  users: DemoUser[];
  scopes: string[];
  /** Request parameters carried through the form unchanged. */
  hidden: Record<string, string>;
}

/**
 * The login + consent screen of an emulated provider: pick a demo user, untick scopes to grant
 * less than was asked (to exercise Launchpad's insufficient-scope handling), approve or deny.
 */
export function renderConsentPage(page: ConsentPage): string {
  const hidden = Object.entries(page.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n      ');
  const users = page.users
    .map(
      (user, i) =>
        `<label><input type="radio" name="user" value="${escape(user.id)}"${i === 0 ? ' checked' : ''}> ${escape(user.username)} &lt;${escape(user.email)}&gt;${user.team ? ` · team ${escape(user.team.name)}` : ''}</label>`,
    )
    .join('\n        ');
  const scopes = page.scopes
    .map(
      (scope) =>
        `<label><input type="checkbox" name="scope" value="${escape(scope)}" checked> <code>${escape(scope)}</code></label>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${escape(page.providerName)} (sandbox) · Authorize ${escape(page.clientLabel)}</title>
  <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}fieldset{margin:1rem 0;border:1px solid #ccc;border-radius:.5rem}label{display:block;margin:.35rem 0}button{margin-right:.5rem;padding:.5rem 1rem}</style></head>
  <body>
    <h1>${escape(page.providerName)} sandbox</h1>
    <p><strong>${escape(page.clientLabel)}</strong> wants to access your ${escape(page.providerName)} account.</p>
    <form method="post" action="${escape(page.action)}">
      ${hidden}
      <fieldset><legend>Sign in as</legend>
        ${users}
      </fieldset>
      <fieldset><legend>Grant these scopes</legend>
        ${scopes}
      </fieldset>
      <button type="submit" name="decision" value="approve">Authorize</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </body>
</html>`;
}

/** An OAuth error that must not redirect (unknown client, bad redirect URI): an HTML page. */
export function renderErrorPage(providerName: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(providerName)} (sandbox) · Error</title></head>
<body><h1>An error has occurred</h1><p>${escape(message)}</p></body></html>`;
}
