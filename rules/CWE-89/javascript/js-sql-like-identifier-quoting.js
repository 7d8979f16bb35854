// Annotated test for js-sql-like-identifier-quoting (ours, written for the test).
const SqlString = require('sqlstring');

function nameContains(column, term) {
  // ruleid: js-sql-like-identifier-quoting
  return SqlString.escapeId(column) + ' LIKE ' + SqlString.escapeId('%' + term + '%');
}

function nameStarts(column, term) {
  // ruleid: js-sql-like-identifier-quoting
  return `${quoteIdentifier(column)} LIKE ${quoteIdentifier(`${term}%`)}`;
}

function nameEnds(column, term) {
  // ruleid: js-sql-like-identifier-quoting
  return quoteName(column) + ' LIKE ' + quoteName("%" + term);
}

function nameContainsEscaped(column, term) {
  // ok: js-sql-like-identifier-quoting
  return SqlString.escapeId(column) + ' LIKE ' + SqlString.escape('%' + term + '%');
}

function nameContainsBound(column, term, values) {
  values.push('%' + term + '%');
  // ok: js-sql-like-identifier-quoting
  return `${quoteIdentifier(column)} LIKE $${values.length}`;
}

function columnOnly(table, column) {
  // ok: js-sql-like-identifier-quoting
  return quoteIdentifier(table) + '.' + quoteIdentifier(column);
}

function constantPattern(column) {
  // ok: js-sql-like-identifier-quoting
  return quoteIdentifier(column) + " LIKE '%@example.com'";
}

module.exports = { nameContains, nameStarts, nameEnds, nameContainsEscaped, nameContainsBound, columnOnly, constantPattern };
