// Annotated test for js-regexp-text-in-script-output (ours, written for the test): serialisers
// whose output is inlined in an HTML <script> block.
const { describe } = require('./js-regexp-text-in-script-output.helper.js');

const UNSAFE = /[<>\/\u2028\u2029]/g;
const ESCAPES = { '<': '\\u003C', '>': '\\u003E', '/': '\\u002F', '\u2028': '\\u2028', '\u2029': '\\u2029' };

function escapeForScript(text) {
  return text.replace(UNSAFE, (c) => ESCAPES[c]);
}

function literal(value) {
  if (value instanceof RegExp) {
    // ruleid: js-regexp-text-in-script-output
    return value.toString();
  }
  if (value instanceof Date) return 'new Date(' + escapeForScript(JSON.stringify(value.toISOString())) + ')';
  return escapeForScript(JSON.stringify(value));
}

exports.toScript = function (state) {
  const parts = [];
  for (const key of Object.keys(state)) parts.push(JSON.stringify(key) + ':' + literal(state[key]));
  return '{' + parts.join(',') + '}';
};

exports.patternSource = function (rx) {
  // ruleid: js-regexp-text-in-script-output
  return '/' + rx.source + '/' + rx.flags;
};

exports.asTemplate = function (regex) {
  // ruleid: js-regexp-text-in-script-output
  return `new RegExp(${JSON.stringify(regex.source)}, ${JSON.stringify(regex.flags)})`;
};

exports.stringCall = function (values) {
  const regexps = [];
  for (const v of values) {
    if (v instanceof RegExp) regexps.push(v);
  }
  // ruleid: js-regexp-text-in-script-output
  return regexps.map((r, i) => String(regexps[i]));
};

exports.escapedSource = function (re) {
  // ok: js-regexp-text-in-script-output
  return 'new RegExp(' + escapeForScript(JSON.stringify(re.source)) + ', "' + re.flags + '")';
};

exports.viaSerializer = function (pattern) {
  // ok: js-regexp-text-in-script-output
  return 'new RegExp(' + exports.toScript(pattern.source) + ')';
};

exports.cacheKey = function (re, cache) {
  // ok: js-regexp-text-in-script-output
  const key = re.toString();
  cache[key] = true;
  return escapeForScript(key);
};

exports.functionText = function (fn) {
  // ok: js-regexp-text-in-script-output
  return fn.toString();
};

exports.debug = describe;
