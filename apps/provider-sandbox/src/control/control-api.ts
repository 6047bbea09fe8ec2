import { type Exchange, sendJson } from '../http/exchange';
import { type Realm, route } from '../http/realm';

const controlErrors = {
  render({ res }: Exchange, status: number, message: string) {
    sendJson(res, status, { error: message });
  },
  notFound(exchange: Exchange) {
    this.render(exchange, 404, `Not found: ${exchange.url.pathname}`);
  },
};

/** `/_sandbox`: the sandbox's own control surface (health now; reset, seed, clock and faults next). */
export function controlRealm(startedAt: number): Realm {
  return {
    prefix: '/_sandbox',
    errors: controlErrors,
    routes: [
      route('GET', '/health', ({ res }) =>
        sendJson(res, 200, {
          status: 'ok',
          uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
        }),
      ),
    ],
  };
}

export { controlErrors };
