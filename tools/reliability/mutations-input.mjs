// The hostile corpus's mutations of the input itself: types, presence, characters, encodings,
// sizes and depths, injection strings. Each takes `variant` (corpus-requests.mjs), what it needs
// of the operation (describeOperation) and, for random values, the seeded samples.
import { encodeQuery, serialize } from './corpus-requests.mjs';

const CONTROL = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
];
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1 UNION SELECT password FROM users',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '$(id)',
  '`id`',
  '; touch /tmp/reliability-pwned; echo',
  '%s%s%s%n',
  '${jndi:ldap://127.0.0.1/a}',
  '*)(uid=*))(|(uid=*',
  'javascript:alert(1)',
  '\\"}], "admin": true, "x": [{"',
];

/**
 * Wrong types: every body member, query and path parameter and header given a value of another
 * type.
 */
export function wrongTypes(
  variant,
  { op, base, props, queryNames, pathNames, isForm },
  { someJson },
) {
  for (const p of props) {
    for (const wrong of [123, true, null, [], { nested: 'x' }, someJson()]) {
      variant('wrong types', (d) => {
        if (isForm) d.value[p] = typeof wrong === 'object' ? JSON.stringify(wrong) : String(wrong);
        else d.value[p] = wrong;
      });
    }
  }
  if (base.body) {
    for (const top of ['[]', '"text"', '123', 'null', 'true', '[{"a":1}]']) {
      variant('wrong types', (d) => (d.body = top));
    }
  }
  for (const name of [...queryNames, ...pathNames]) {
    for (const wrong of [
      '-1',
      '0',
      '1e309',
      '99999999999999999999999',
      'NaN',
      '[object Object]',
      '',
    ]) {
      variant('wrong types', (d) => {
        if (pathNames.includes(name)) d.params[name] = encodeURIComponent(wrong) || '%20';
        else d.query = d.query.filter(([k]) => k !== name).concat([[name, wrong]]);
      });
    }
    variant('wrong types', (d) => {
      d.rawQuery = `${encodeURIComponent(name)}[]=a&${encodeURIComponent(name)}[x]=b`;
    });
  }
  if (base.headers['idempotency-key']) {
    for (const key of [
      '',
      ' ',
      'k'.repeat(201),
      Buffer.from('ключ').toString('latin1'),
      'a b',
      '\t',
    ]) {
      variant('wrong types', (d) => (d.headers['idempotency-key'] = key));
    }
  }
  if (op.template.endsWith('/events')) {
    for (const id of ['abc', '-1', '1e999', '99999999999999999999', '1.5', '0x10']) {
      variant('wrong types', (d) => (d.headers['last-event-id'] = id));
    }
  }
}

/** Missing fields: each required member, the whole body, each parameter left out. */
export function missingFields(variant, { op, base, required }) {
  for (const p of required) {
    variant('missing fields', (d) => delete d.value[p]);
  }
  if (base.body) {
    variant('missing fields', (d) => (d.value = {}));
    variant('missing fields', (d) => (d.body = ''));
    variant('missing fields', (d) => {
      d.body = '';
      d.contentType = undefined;
    });
  }
  for (const p of (op.spec.parameters ?? []).filter((x) => x.in === 'query' || x.in === 'header')) {
    variant('missing fields', (d) => {
      d.query = d.query.filter(([k]) => k !== p.name);
      delete d.headers[p.name.toLowerCase()];
    });
  }
}

/** Extra fields: privilege-looking members, prototype pollution, thousands of keys. */
export function extraFields(variant, { base, isForm, ctx }, { someString, someJson }) {
  const { uuid } = ctx;
  if (base.body) {
    for (const extra of [
      { admin: true },
      { userId: uuid(), user_id: 'admin' },
      { id: uuid(), status: 'running', version: 99 },
      { [someString() || 'k']: someJson() },
    ]) {
      variant('extra fields', (d) => Object.assign(d.value, extra));
    }
    if (!isForm) {
      variant('extra fields', (d) => {
        d.body = JSON.stringify(d.value).replace(
          /^\{/,
          '{"__proto__":{"admin":true,"polluted":1},',
        );
      });
      variant('extra fields', (d) => {
        d.body = JSON.stringify(d.value).replace(
          /^\{/,
          '{"constructor":{"prototype":{"admin":true}},',
        );
      });
      variant('extra fields', (d) => {
        d.value.fields = Object.fromEntries(
          Array.from({ length: 2_000 }, (_, i) => [`f${i}`, 'v']),
        );
      });
    } else {
      variant('extra fields', (d) => (d.value.client_id = d.value.client_id ?? 'launchpad-cli'));
      variant('extra fields', (d) => {
        d.body = `${serialize(base.body.type, d.value)}&__proto__=x&constructor[prototype][admin]=1`;
      });
    }
  }
  variant('extra fields', (d) =>
    d.query.push(['admin', 'true'], ['debug', '1'], ['__proto__[admin]', '1']),
  );
}

/** Control characters (NUL, BEL, ESC, CR LF, DEL, NEL, U+2028, U+202E, BOM) in every string. */
export function controlCharacters(variant, { base, stringProps, queryNames, pathNames, isForm }) {
  for (const p of stringProps) {
    for (const c of CONTROL) {
      variant('control characters', (d) => {
        d.value[p] = `${typeof d.value[p] === 'string' ? d.value[p] : 'a'}${c}b`;
      });
    }
  }
  for (const name of [...queryNames, ...pathNames]) {
    for (const c of ['%00', '%0d%0a', '%1b', '%7f', '%e2%80%ae', '%c2%85']) {
      variant('control characters', (d) => {
        if (pathNames.includes(name)) d.params[name] = `${d.params[name]}${c}`;
        else d.rawQuery = `${encodeQuery(d.query.filter(([k]) => k !== name))}&${name}=a${c}b`;
      });
    }
  }
  if (isForm) {
    for (const c of ['%00', '%0a', '%1b']) {
      variant('control characters', (d) => (d.body = `${serialize(base.body.type, d.value)}${c}`));
      variant('control characters', (d) => {
        d.body = serialize(base.body.type, d.value).replace(
          /client_id=([^&]*)/,
          `client_id=$1${c}`,
        );
      });
    }
  }
}

/**
 * Invalid UTF-8 (bytes, overlong forms, surrogates, truncated sequences) in bodies, paths,
 * queries and headers.
 */
export function invalidUtf8(variant, { base, stringProps, queryNames, pathNames, isForm }) {
  if (base.body) {
    for (const bytes of [
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      variant('invalid UTF-8', (d) => {
        const text = serialize(base.body.type, d.value);
        const at = isForm ? text.indexOf('=') + 1 : text.indexOf('"', text.indexOf(':')) + 1;
        d.body = Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from(bytes),
          Buffer.from(text.slice(at)),
        ]);
      });
    }
    if (!isForm) {
      variant('invalid UTF-8', (d) => {
        const first = stringProps[0];
        d.body = first
          ? JSON.stringify(d.value).replace(`"${first}":"`, `"${first}":"\\ud800`)
          : '{"x":"\\udc00"}';
      });
      variant('invalid UTF-8', (d) => (d.contentType = 'application/json; charset=utf-16'));
      variant('invalid UTF-8', (d) => (d.contentType = 'application/json; charset=koi8-r'));
    } else {
      variant(
        'invalid UTF-8',
        (d) => (d.body = `${serialize(base.body.type, d.value)}&scope=%ff%fe`),
      );
    }
  }
  for (const name of [...queryNames, ...pathNames]) {
    for (const bad of ['%ff%fe', '%c0%af', '%ed%a0%80', '%e2%82', '%']) {
      variant('invalid UTF-8', (d) => {
        if (pathNames.includes(name)) d.params[name] = `${d.params[name]}${bad}`;
        else d.rawQuery = `${encodeQuery(d.query.filter(([k]) => k !== name))}&${name}=${bad}`;
      });
    }
  }
  variant(
    'invalid UTF-8',
    (d) => (d.headers['x-note'] = Buffer.from([0xc3, 0x28, 0xff]).toString('latin1')),
  );
}

/**
 * Huge bodies (around the 100 kB limit, 2 MB streamed) and deeply nested JSON, forms and
 * queries.
 */
export function hugeAndNested(variant, { base, props, stringProps, isForm }) {
  if (base.body) {
    const first = stringProps[0] ?? props[0] ?? 'x';
    for (const size of [99 * 1024, 101 * 1024, 2 * 1024 * 1024]) {
      variant('huge bodies', (d) => {
        d.value[first] = 'A'.repeat(size);
        // The largest one streamed (chunked), with no length for the parser to refuse early.
        if (size > 1024 * 1024) d.headers['transfer-encoding'] = 'chunked';
      });
    }
    variant('huge bodies', (d) => (d.value[first] = Array.from({ length: 20_000 }, () => 1)));
    for (const depth of [1_000, 20_000]) {
      variant('deep nesting', (d) => (d.body = `${'['.repeat(depth)}${']'.repeat(depth)}`));
      variant('deep nesting', (d) => {
        const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        d.body = isForm
          ? `${serialize(base.body.type, d.value)}&scope=${encodeURIComponent(nested)}`
          : JSON.stringify(d.value).replace(/^\{/, `{"deep":${nested},`);
      });
    }
    if (!isForm) {
      variant('deep nesting', (d) => {
        d.value.fields = JSON.parse(`${'{"a":'.repeat(200)}"x"${'}'.repeat(200)}`);
      });
    }
  }
  variant('deep nesting', (d) => {
    d.rawQuery = `${encodeQuery(d.query)}&${'a'}${'[b]'.repeat(500)}=1`;
  });
}

/**
 * Injection strings (SQL, templates, shell, HTML, LDAP, JSON breakout) in every string and
 * parameter.
 */
export function injection(variant, { stringProps, queryNames, pathNames }) {
  for (const p of stringProps) {
    for (const text of INJECTIONS) variant('injection', (d) => (d.value[p] = text));
    variant('injection', (d) => (d.value[p] = { $gt: '' }));
  }
  for (const name of [...queryNames, ...pathNames]) {
    for (const text of INJECTIONS) {
      variant('injection', (d) => {
        if (pathNames.includes(name)) d.params[name] = encodeURIComponent(text);
        else d.query = d.query.filter(([k]) => k !== name).concat([[name, text]]);
      });
    }
  }
}
