// Annotated test for js-incomplete-html-escape (ours, written for the test).
const ENTITIES = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

function escapeOnce(s) {
  // ruleid: js-incomplete-html-escape
  return s.replace('<', '&lt;');
}

function escapeNoGlobal(s) {
  const amp = s.replace(/&/g, '&amp;');
  // ruleid: js-incomplete-html-escape
  return amp.replace(/</, '&lt;');
}

function escapeClassNoGlobal(s) {
  // ruleid: js-incomplete-html-escape
  return String(s).replace(/[<>&"]/, (c) => ENTITIES[c]);
}

function quoteOnce(v) {
  // ruleid: js-incomplete-html-escape
  return '<a title="' + v.replace('"', '&quot;') + '">';
}

function escapeGlobal(s) {
  // ok: js-incomplete-html-escape
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] || '&#39;');
}

function escapeAll(s) {
  // ok: js-incomplete-html-escape
  return s.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function dropLeadingBracket(s) {
  // ok: js-incomplete-html-escape
  return s.replace(/^</, '');
}

function brToNewline(s) {
  // ok: js-incomplete-html-escape
  return s.replace('<br>', '\n');
}

module.exports = { escapeOnce, escapeNoGlobal, escapeClassNoGlobal, quoteOnce, escapeGlobal, escapeAll, dropLeadingBracket, brToNewline };
