// Annotated test for js-sql-quote-unless-expression (ours, written for the test).

function selectList(columns, quoteIdentifier) {
  return columns.map((col) => {
    // ruleid: js-sql-quote-unless-expression
    if (!col.includes('(') && !col.includes(' ')) {
      col = quoteIdentifier(col);
    } else {
      console.warn('raw column expression', col);
    }
    return col;
  }).join(', ');
}

class Builder {
  orderBy(field, dir) {
    // ruleid: js-sql-quote-unless-expression
    const target = /^[A-Za-z_][\w.]*$/.test(field) ? this.quoteName(field) : field;
    return `ORDER BY ${target} ${dir === 'desc' ? 'DESC' : 'ASC'}`;
  }

  groupBy(key) {
    let sql = key;
    // ruleid: js-sql-quote-unless-expression
    if (sql.indexOf('(') === -1) sql = this.escapeId(sql);
    return 'GROUP BY ' + sql;
  }

  column(name) {
    // ruleid: js-sql-quote-unless-expression
    if (name.match(/[()]/)) {
      return name;
    } else {
      name = this.quoteIdentifier(name);
    }
    return name;
  }

  // The fix: the unusual value is refused, raw SQL comes from an explicit wrapper.
  columnStrict(name) {
    if (name instanceof RawSql) return name.sql;
    // ok: js-sql-quote-unless-expression
    if (!name.includes('(')) {
      name = this.quoteIdentifier(name);
    } else {
      throw new Error(`invalid column name ${JSON.stringify(name)}`);
    }
    return name;
  }

  // Refusal behind an explicit opt-in of the application.
  columnOptIn(name) {
    // ok: js-sql-quote-unless-expression
    if (this.options.alwaysQuote || !name.includes('(')) {
      name = this.quoteIdentifier(name);
    } else if (this.options.rawColumns !== 'allow-unsafe') {
      throw new Error('columns cannot hold parentheses');
    }
    return name;
  }

  // Both branches quote: which quoter depends on the content, the value is never raw.
  attribute(name) {
    // ok: js-sql-quote-unless-expression
    return !name.includes('"') ? this.quoteAttribute(name) : this.escape(name);
  }

  // The other branch replaces the value.
  alias(name) {
    // ok: js-sql-quote-unless-expression
    if (/^\w+$/.test(name)) {
      name = this.quoteIdentifier(name);
    } else {
      name = this.quoteIdentifier(name.replace(/\W/g, '_'));
    }
    return name;
  }

  // The test is not about the value's characters (a type test).
  where(value) {
    // ok: js-sql-quote-unless-expression
    const v = typeof value === 'number' ? value : this.escape(value);
    return 'WHERE id = ' + v;
  }
}

class RawSql {
  constructor(sql) { this.sql = sql; }
}

module.exports = { selectList, Builder, RawSql };
