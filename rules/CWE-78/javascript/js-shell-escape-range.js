// Annotated test for js-shell-escape-range (ours, written for the test).
function quoteWord(word) {
  // ruleid: js-shell-escape-range
  return String(word).replace(/([A-z]:)?([#!"$&'()*;<=>?|])/g, '$1\\$2');
}

function quoteWordFixed(word) {
  // ok: js-shell-escape-range
  return String(word).replace(/([A-Za-z]:)?([#!"$&'()*;<=>?|`\\])/g, '$1\\$2');
}

function isPlainName(name) {
  // ruleid: js-shell-escape-range
  return /^[0-9A-z_-]+$/.test(name);
}

function isPlainNameFixed(name) {
  // ok: js-shell-escape-range
  return /^[0-9A-Za-z_-]+$/.test(name);
}

function lowerOnly(name) {
  // ok: js-shell-escape-range
  return name.replace(/[^a-z0-9]/g, '');
}

module.exports = { quoteWord, quoteWordFixed, isPlainName, isPlainNameFixed, lowerOnly };
