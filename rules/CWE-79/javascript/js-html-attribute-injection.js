// Annotated test for js-html-attribute-injection (ours, written for the test).
exports.link = function (url, label) {
  // ruleid: js-html-attribute-injection
  return '<a href="' + url + '">' + escapeHtml(label) + '</a>';
};

exports.linkEscaped = function (url, label) {
  // ok: js-html-attribute-injection
  return '<a href="' + escapeHtml(url) + '">' + escapeHtml(label) + '</a>';
};

exports.openTag = function (name, attrs) {
  let out = '<' + name;
  for (const key of Object.keys(attrs)) {
    const value = attrs[key];
    // ruleid: js-html-attribute-injection
    out += ' ' + key + '="' + value + '"';
  }
  return out + '>';
};

exports.attrQuoted = function (key, value) {
  // ok: js-html-attribute-injection
  return ' ' + key.replace(/[^a-z-]/g, '') + '="' + value.replace(/"/g, '&quot;') + '"';
};

exports.dataAttr = function (id) {
  // ok: js-html-attribute-injection
  return '<div data-id="' + Number(id) + '"></div>';
};

exports.plainText = function (message) {
  // ok: js-html-attribute-injection
  return 'Error: ' + message;
};

// Handlers of an HTML parser see the document's tags and attributes.
function makeHandler() {
  let result = '';
  return {
    onopentag: function (name, attribs) {
      for (const a of Object.keys(attribs)) {
        const v = attribs[a];
        if (a === 'class') continue;
        // ruleid: js-html-attribute-injection
        result += ' ' + a + '="' + v + '"';
      }
    },
    onattribute: function (name, value) {
      // ok: js-html-attribute-injection
      result += ' ' + escapeHtml(name) + '="' + escapeHtml(value) + '"';
    },
    done: () => result,
  };
}

// lodash-style iteration: the callback gets the collection's values and keys.
const _ = require('lodash');
exports.attrsOf = function (attrs) {
  let out = '';
  _.each(attrs, function (value, key) {
    // ruleid: js-html-attribute-injection
    out += ' ' + key + '="' + value + '"';
  });
  _.each({ lang: 'en' }, function (value, key) {
    // ok: js-html-attribute-injection
    out += ' ' + key + '="' + value + '"';
  });
  return out;
};

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

module.exports.makeHandler = makeHandler;
