/**
 * Express's query parser for the whole app (`app.set('query parser', parseQuery)`): every query
 * parameter is one string, never an array or an object. A parameter given more than once is
 * ambiguous (RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than
 * once") and is read as absent, so that `state=x&state=y` fails as a missing state and nothing
 * downstream meets an array it did not expect. Bracket keys (`a[b]=c`) are plain names.
 */
export function parseQuery(query: string): Record<string, string> {
  const values: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (Object.hasOwn(values, name)) repeated.add(name);
    else values[name] = value;
  }
  for (const name of repeated) delete values[name];
  return values;
}
