// Annotated test for js-escaper-partial-right-callback (ours, written for the test).
const _ = require('lodash');
const SqlString = require('sqlstring');

function escapeList(values, tz, dialect) {
  // ruleid: js-escaper-partial-right-callback
  return values.map(_.partialRight(SqlString.escape, tz, dialect)).join(', ');
}

function escapeListVar(values, tz, dialect) {
  const esc = _.partialRight(escapeValue, tz, dialect);
  // ruleid: js-escaper-partial-right-callback
  return values.map(esc);
}

function quoteAll(names, dialect, out) {
  const q = _.partialRight(quoteIdentifier, dialect);
  // ruleid: js-escaper-partial-right-callback
  names.forEach(q);
  return out;
}

function escapeListPositional(values, tz, dialect) {
  const esc = _.partial(escapeValue, _, tz, dialect);
  // ok: js-escaper-partial-right-callback
  return values.map(esc);
}

function escapeListArrow(values, tz, dialect) {
  // ok: js-escaper-partial-right-callback
  return values.map((v) => escapeValue(v, tz, dialect));
}

function escapeOne(value, tz, dialect) {
  const esc = _.partialRight(escapeValue, tz, dialect);
  // ok: js-escaper-partial-right-callback
  return [esc(value)].map(String);
}

module.exports = { escapeList, escapeListVar, quoteAll, escapeListPositional, escapeListArrow, escapeOne };
