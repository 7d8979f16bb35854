// Annotated test for js-sql-fail-open-condition (ours, written for the test).
function whereClause(filter) {
  if (typeof filter === 'string') return `name = ${quote(filter)}`;
  if (typeof filter === 'number') return `id = ${filter}`;
  // ruleid: js-sql-fail-open-condition
  return '1=1';
}

const buildCondition = (criteria) => {
  if (Array.isArray(criteria)) return criteria.map(toSql).join(' AND ');
  // ruleid: js-sql-fail-open-condition
  return "TRUE";
};

class Filters {
  toSql(where) {
    if (where && typeof where === 'object') return this.objectToSql(where);
    // ruleid: js-sql-fail-open-condition
    return ' 1 = 1 ';
  }

  toSqlStrict(where) {
    if (where && typeof where === 'object') return this.objectToSql(where);
    throw new TypeError(`unsupported filter ${typeof where}`);
  }

  emptyIsAll(list) {
    if (list.length === 0) {
      // ok: js-sql-fail-open-condition
      return '1=1';
    }
    return list.map(toSql).join(' AND ');
  }

  failClosed(where) {
    if (where && typeof where === 'object') return this.objectToSql(where);
    // ok: js-sql-fail-open-condition
    return '1=0';
  }
}

function loop(parts) {
  for (const p of parts) {
    // ok: js-sql-fail-open-condition
    if (p === '*') return '1=1';
  }
  return parts.map(toSql).join(' OR ');
}

function optional(criteria) {
  // ok: js-sql-fail-open-condition
  if (!criteria) return 'TRUE';
  switch (typeof criteria) {
    case 'string':
      return quote(criteria);
    default:
      // ruleid: js-sql-fail-open-condition
      return '1=1';
  }
}

module.exports = { whereClause, buildCondition, Filters, optional, loop };
