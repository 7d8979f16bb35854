// Annotated test for js-escape-only-strings (ours, written for the test).
const lib = require('./lib');

function output(val, autoescape) {
  val = val == null ? '' : val;
  // ruleid: js-escape-only-strings
  if (autoescape && typeof val === 'string') {
    val = lib.escape(val);
  }
  return val;
}

function outputFixed(val, autoescape, SafeString) {
  val = val == null ? '' : val;
  // ok: js-escape-only-strings
  if (autoescape && !(val instanceof SafeString)) {
    val = lib.escape(val.toString());
  }
  return val;
}

function render(value) {
  // ruleid: js-escape-only-strings
  return '<td>' + (typeof value === 'string' ? escapeHtml(value) : value) + '</td>';
}

function renderFixed(value) {
  // ok: js-escape-only-strings
  return '<td>' + escapeHtml(String(value)) + '</td>';
}

function trimOnlyStrings(value) {
  // ok: js-escape-only-strings
  if (typeof value === 'string') {
    value = value.trim();
  }
  return value;
}

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

module.exports = { output, outputFixed, render, renderFixed, trimOnlyStrings };
