// Annotated test for js-sql-string-building (ours, written for the test): SQL fragments that a
// query builder returns, with the caller's values spliced in.
const knownTypes = ['integer', 'text', 'date'];

class Builder {
  pagination(opts) {
    let sql = '';
    if (opts.limit) {
      // ruleid: js-sql-string-building
      sql += ' LIMIT ' + opts.limit;
    }
    if (opts.skip) {
      // ruleid: js-sql-string-building
      sql += ` OFFSET ${opts.skip}`;
    }
    return sql;
  }

  paginationEscaped(opts) {
    let sql = '';
    // ok: js-sql-string-building
    if (opts.limit) sql += ' LIMIT ' + this.escape(opts.limit);
    // ok: js-sql-string-building
    if (opts.skip) sql += ' OFFSET ' + parseInt(opts.skip, 10);
    return sql;
  }

  whereEquals(column, value) {
    // ruleid: js-sql-string-building
    return 'WHERE ' + this.quoteIdentifier(column) + " = '" + value + "'";
  }

  whereEqualsEscaped(column, value) {
    // ok: js-sql-string-building
    return 'WHERE ' + this.quoteIdentifier(column) + ' = ' + this.escape(value);
  }

  orderBy(column, direction) {
    // A direction after a column is not a value position the rule knows (a known gap).
    // todoruleid: js-sql-string-building
    return `ORDER BY ${this.quoteIdentifier(column)} ${direction}`;
  }

  castTyped(column, type) {
    // ruleid: js-sql-string-building
    return `CAST(${this.quoteIdentifier(column)} AS ${type})`;
  }

  castChecked2(column, type) {
    if (!knownTypes.includes(type.toLowerCase())) throw new Error('bad type');
    // ok: js-sql-string-building
    return `CAST(${this.quoteIdentifier(column)} AS ${type})`;
  }

  castLogged(column, type) {
    if (!knownTypes.includes(type.toLowerCase())) console.warn('odd type');
    // ruleid: js-sql-string-building
    return `CAST(${this.quoteIdentifier(column)} AS ${type})`;
  }

  search(column, term) {
    // ruleid: js-sql-string-building
    return `${this.quoteIdentifier(column)} LIKE '%${term}%'`;
  }

  searchEscaped(column, term) {
    // ok: js-sql-string-building
    return `${this.quoteIdentifier(column)} LIKE ${this.escape(`%${term}%`)}`;
  }

  insert(table, values) {
    const list = values.map((v) => this.escape(v)).join(', ');
    // ok: js-sql-string-building
    return 'INSERT INTO ' + this.quoteTable(table) + ' VALUES (' + list + ')';
  }

  whereValue(where) {
    if (where instanceof RawSql) {
      // ok: js-sql-string-building
      return ' WHERE ' + where.text;
    }
    // ruleid: js-sql-string-building
    return ' WHERE id = ' + where;
  }

  whereFragment(condition) {
    // A condition another builder made is that builder's business.
    // ok: js-sql-string-building
    return ' WHERE ' + condition;
  }

  smtpCommand(from) {
    // An SMTP command is not SQL, although it says FROM.
    // ok: js-sql-string-building
    return 'MAIL FROM:<' + from + '>';
  }

  message(name) {
    // ok: js-sql-string-building
    return 'Could not find a column named ' + name;
  }

  invalid(key) {
    // ok: js-sql-string-building
    throw new Error(`WHERE parameter "${key}" has no value`);
  }

  invalidLimit(limit) {
    // ok: js-sql-string-building
    throw new TypeError('LIMIT must be a number, got ' + limit);
  }

  castTo(expr, type) {
    // ruleid: js-sql-string-building
    return new Utils.Cast(expr, type);
  }

  castChecked(expr, type) {
    const known = ['integer', 'text', 'boolean'];
    if (!known.includes(type.toLowerCase())) throw new Error(`unknown type ${type}`);
    // ok: js-sql-string-building
    return new Utils.Cast(expr, type);
  }

  castFunction(column, type) {
    // ruleid: js-sql-string-building
    return this.db.cast(this.col(column), type);
  }
}

module.exports = Builder;
