import passport, { type Strategy } from 'passport';

const registered = new Map<string, Strategy[]>();

/**
 * passport keeps strategies by name in one registry per process, and PassportStrategy registers
 * each instance as it is built: with two Launchpad apps in one process (the two-instance tests)
 * the one built last would serve both, and after it closes, serve them with a closed database.
 * So each strategy is remembered here, and at its app's shutdown passport is pointed back at the
 * strategy of an app still running. One app per process (production) never notices.
 */
export const passportRegistrations = {
  /** After PassportStrategy's constructor has `passport.use`d the strategy. */
  built(name: string, strategy: Strategy): void {
    registered.set(name, [...(registered.get(name) ?? []), strategy]);
  },

  /** At the strategy's application shutdown. */
  closed(name: string, strategy: Strategy): void {
    const live = (registered.get(name) ?? []).filter((s) => s !== strategy);
    registered.set(name, live);
    const latest = live.at(-1);
    if (latest) passport.use(name, latest);
    else passport.unuse(name);
  },
};
