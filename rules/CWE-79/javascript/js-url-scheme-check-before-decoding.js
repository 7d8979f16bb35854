// Annotated test for js-url-scheme-check-before-decoding (ours, written for the test).
const he = require('he');

const SCRIPT_SCHEME = /^[\s\u0000-\u001f]*(javascript|vbscript|data):/i;

exports.hrefInline = function (href) {
  const trimmed = href.trim();
  // ruleid: js-url-scheme-check-before-decoding
  if (/^\s*javascript:/i.test(trimmed)) return '#';
  return trimmed;
};

exports.hrefNamedPattern = function (link) {
  const cleaned = link.replace(/[\u0000-\u001f]/g, '');
  const scheme = cleaned.match(/^([^:]+):/);
  // ruleid: js-url-scheme-check-before-decoding
  if (scheme && SCRIPT_SCHEME.test(scheme[0])) return 'about:blank';
  return cleaned;
};

exports.prefixTest = function (u) {
  // ruleid: js-url-scheme-check-before-decoding
  if (u.toLowerCase().startsWith('javascript:')) return '';
  return '<a href="' + u + '">';
};

function redirectPage(req, res) {
  const next = String(req.query.next || '/');
  // ruleid: js-url-scheme-check-before-decoding
  if (next.indexOf('javascript:') === 0) return res.status(400).end();
  res.render('continue', { next });
}

// Numeric references only: 'java&Tab;script:' and 'java&NewLine;script:' pass.
exports.decodedNumericOnly = function (href) {
  const decoded = href
    .replace(/&#x([0-9a-f]+);?/gi, (m, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (m, d) => String.fromCharCode(d))
    .trim();
  // ruleid: js-url-scheme-check-before-decoding
  if (SCRIPT_SCHEME.test(decoded)) return 'about:blank';
  return decoded;
};

exports.decodedFirst = function (href) {
  const decoded = href
    .replace(/&#x([0-9a-f]+);?/gi, (m, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (m, d) => String.fromCharCode(d))
    .replace(/&(Tab|NewLine);/g, '')
    .trim();
  // ok: js-url-scheme-check-before-decoding
  if (SCRIPT_SCHEME.test(decoded)) return 'about:blank';
  return decoded;
};

exports.decoderFirst = function (href) {
  const plain = he.decode(href);
  // ok: js-url-scheme-check-before-decoding
  if (/^\s*(javascript|vbscript):/i.test(plain)) return '#';
  return plain;
};

exports.allowList = function (href) {
  // ok: js-url-scheme-check-before-decoding
  if (!/^(https?|mailto):/i.test(href)) return 'about:blank';
  return href;
};

exports.constantCheck = function (href) {
  const shown = 'javascript:void(0)';
  // ok: js-url-scheme-check-before-decoding
  return SCRIPT_SCHEME.test(shown) ? href : shown;
};

exports.blockFilter = function (href) {
  const url = href.replace(/\s+/g, '');
  // ruleid: js-url-scheme-check-before-decoding
  if (url.toLowerCase().indexOf('vbscript:') === 0) {
    return '#';
  }
  return url;
};

exports.nestedCallbackOnly = function (href, items) {
  // ok: js-url-scheme-check-before-decoding
  if (/^javascript:/i.test(href)) {
    items.forEach((i) => { return i.flag(); });
  }
};

exports.ternaryFilter = function (src) {
  // ruleid: js-url-scheme-check-before-decoding
  return SCRIPT_SCHEME.test(src) ? 'about:blank' : src;
};

exports.detectorOnly = function (node, report) {
  // ok: js-url-scheme-check-before-decoding
  if (/^\s*javascript:/i.test(node.value)) {
    report(node, 'script URL');
  }
};

// A hand-written decoder in the same file that knows a few named references (the markup ones)
// besides the numeric ones: '&Tab;' is none of them.
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"' };
function unescapeEntities(text) {
  return text
    .replace(/&(amp|lt|gt|quot);/g, (m, name) => NAMED[name])
    .replace(/&#(\d+);?/g, (m, d) => String.fromCharCode(Number(d)))
    .replace(/&#x([\da-f]+);?/gi, (m, h) => String.fromCharCode(parseInt(h, 16)));
}

exports.linkTarget = function (raw) {
  const target = unescapeEntities(String(raw)).trim();
  // ruleid: js-url-scheme-check-before-decoding
  if (/^(javascript|vbscript|data):/i.test(target)) throw new Error('unsafe link');
  return target;
};

// A decoder that replaces only the first reference (no g flag): '&#106;&#97;…' keeps the rest.
exports.firstOnly = function (href) {
  const once = href.replace(/&#(\d+);?/, (m, d) => String.fromCharCode(d)).replace(/&(Tab|NewLine);/g, '');
  // ruleid: js-url-scheme-check-before-decoding
  return /^\s*javascript:/i.test(once) ? '#' : once;
};

// A decoder for every named reference (a table lookup) and numeric ones: nothing left to hide.
const ENTITY_TABLE = { Tab: '\t', NewLine: '\n', colon: ':', amp: '&' };
function decodeReferences(text) {
  return text
    .replace(/&#(x?)([0-9a-f]+);?/gi, (m, x, n) => String.fromCharCode(parseInt(n, x ? 16 : 10)))
    .replace(/&([a-z]+\d*);/gi, (m, name) => (name in ENTITY_TABLE ? ENTITY_TABLE[name] : m));
}

exports.fullDecoder = function (raw) {
  const target = decodeReferences(raw).replace(/[\u0000-\u001f]/g, '');
  // ok: js-url-scheme-check-before-decoding
  if (/^(javascript|vbscript|data):/i.test(target)) return 'about:blank';
  return target;
};

exports.libraryDecoder = function (raw) {
  const entities = require('entities');
  const target = entities.decodeHTML(raw || '').trim();
  // ok: js-url-scheme-check-before-decoding
  return SCRIPT_SCHEME.test(target) ? 'about:blank' : target;
};

module.exports.redirectPage = redirectPage;
