// Annotated test for js-raw-text-by-tag-list (ours, written for the test): HTML cleaners built
// on a SAX-style parser's callbacks.
const { Parser } = require('htmlparser2');
const sax = require('sax');

function escapeText(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const RAW_TEXT = new Set(['script', 'style']);
const KEEP_AS_IS = ['script', 'style', 'title'];

exports.cleanWithOptions = function (html, opts) {
  const passThrough = opts.rawTags || ['script', 'style'];
  let out = '';
  let current = '';
  const parser = new Parser({
    onopentag(name) { current = name; out += '<' + name + '>'; },
    ontext(text) {
      if (passThrough.includes(current)) {
        // ruleid: js-raw-text-by-tag-list
        out += text;
      } else {
        // ok: js-raw-text-by-tag-list
        out += escapeText(text);
      }
    },
  });
  parser.write(html);
  parser.end();
  return out;
};

exports.cleanSax = function (xml) {
  const chunks = [];
  const stack = [];
  const p = sax.parser(false);
  p.onopentag = (node) => stack.push(node.name.toLowerCase());
  p.ontext = function (t) {
    if (KEEP_AS_IS.indexOf(stack[stack.length - 1]) !== -1) {
      // ruleid: js-raw-text-by-tag-list
      chunks.push(t);
      return;
    }
    chunks.push(escapeText(t));
  };
  p.write(xml).close();
  return chunks.join('');
};

exports.cleanEvents = function (stream, rawTags) {
  let html = '';
  let tag = null;
  stream.on('opentag', (name) => { tag = name; });
  stream.on('text', (text) => {
    // ruleid: js-raw-text-by-tag-list
    if (rawTags.has(tag)) html += text;
    else html += escapeText(text);
  });
  return () => html;
};

exports.cleanExplicit = function (html) {
  let out = '';
  let tag = '';
  const parser = new Parser({
    onopentag(name) { tag = name; },
    ontext(text) {
      if (tag === 'script' || tag === 'style') {
        // ok: js-raw-text-by-tag-list
        out += text;
      } else {
        out += escapeText(text);
      }
    },
  });
  parser.end(html);
  return out;
};

exports.cleanLiteralList = function (html) {
  let out = '';
  let tag = '';
  const parser = new Parser({
    onopentag(name) { tag = name; },
    ontext: function (text) {
      // ok: js-raw-text-by-tag-list
      if (['script', 'style'].includes(tag)) out += text;
      // ok: js-raw-text-by-tag-list
      else if (RAW_TEXT.has(tag)) out += text;
      else out += escapeText(text);
    },
  });
  parser.end(html);
  return out;
};

exports.collectAllowed = function (html, allowed) {
  const words = [];
  let tag = '';
  const parser = new Parser({
    onopentag(name) { tag = name; },
    ontext(text) {
      // ok: js-raw-text-by-tag-list
      if (allowed.includes(tag)) words.push(escapeText(text));
    },
  });
  parser.end(html);
  return words;
};

exports.notACallback = function (parts, list, tag, text) {
  let out = '';
  // ok: js-raw-text-by-tag-list
  if (list.includes(tag)) out += text;
  return out + parts.join('');
};
