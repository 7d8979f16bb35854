// Functional test: serialize() output evaluates back to equal values for every special type.
const assert = require('node:assert');
const serialize = require(process.env.ASE_REPO);

const input = {
  d: new Date(Date.UTC(2021, 5, 7, 8, 9, 10, 11)),
  re: /x\/y[a-z]+/gimsu,
  m: new Map([['k', { v: 1 }]]),
  s: new Set([1, 'two']),
  sparse: [1, , 3], // eslint-disable-line no-sparse-arrays
  u: undefined,
  inf: -Infinity,
  big: 12345678901234567890n,
  url: new URL('https://example.com/a?b=1'),
  f: function add(a, b) { return a + b; },
  text: '@__R-not-a-placeholder__@',
};
const back = eval('(' + serialize(input) + ')');
assert.strictEqual(back.d.toISOString(), '2021-06-07T08:09:10.011Z');
assert.ok(back.re instanceof RegExp);
assert.strictEqual(back.re.source, input.re.source);
assert.strictEqual(back.re.flags, 'gimsu');
assert.deepStrictEqual([...back.m], [['k', { v: 1 }]]);
assert.deepStrictEqual([...back.s], [1, 'two']);
assert.strictEqual(back.sparse.length, 3);
assert.ok(!(1 in back.sparse));
assert.ok('u' in back && back.u === undefined);
assert.strictEqual(back.inf, -Infinity);
assert.strictEqual(back.big, 12345678901234567890n);
assert.strictEqual(back.url.href, 'https://example.com/a?b=1');
assert.strictEqual(back.f(2, 3), 5);
assert.strictEqual(back.text, '@__R-not-a-placeholder__@');
