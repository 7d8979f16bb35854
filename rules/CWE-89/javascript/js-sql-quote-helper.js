// Annotated test for js-sql-quote-helper (ours, written for the test).
class Dialect {
  quoteName(name) {
    // ruleid: js-sql-quote-helper
    return `"${name}"`;
  }

  quoteNameFixed(name) {
    // ok: js-sql-quote-helper
    return `"${name.replace(/"/g, '""')}"`;
  }

  quoteString(str) {
    // ok: js-sql-quote-helper
    return `'${str.replace(/'/g, "''")}'`;
  }

  quoteBacktick(id) {
    // ruleid: js-sql-quote-helper
    return '`' + id + '`';
  }

  quoteBacktickFixed(id) {
    // ok: js-sql-quote-helper
    return '`' + id.replaceAll('`', '``') + '`';
  }

  placeholder(n) {
    // ok: js-sql-quote-helper
    return `$${n + 1}`;
  }

  literal(value) {
    const text = String(value).trim();
    // ruleid: js-sql-quote-helper
    return "'" + text + "'";
  }

  jsonPath(column, path) {
    const pathStr = ['$'].concat(String(path).split('.')).join('.');
    // ruleid: js-sql-quote-helper
    return `(${this.quoteName(column)}->>'${pathStr}')`;
  }

  jsonPathEscaped(column, path) {
    const pathStr = escapeLiteral(['$'].concat(String(path).split('.')).join('.'));
    // ok: js-sql-quote-helper
    return `(${this.quoteNameFixed(column)}->>${pathStr})`;
  }

  literalNumber(value) {
    // ok: js-sql-quote-helper
    return "'" + Number(value) + "'";
  }

  literalEscaped(value) {
    // ok: js-sql-quote-helper
    return "'" + escapeLiteral(value) + "'";
  }
}

function escapeLiteral(v) {
  return String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

module.exports = { Dialect, escapeLiteral };
