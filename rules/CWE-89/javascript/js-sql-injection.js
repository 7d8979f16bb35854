// Annotated test for js-sql-injection (ours, written for the test).
const mysql = require('mysql');
const { findUser } = require('./js-sql-injection.helper.js');

const db = mysql.createConnection({});

function concat(req, res) {
  // ruleid: js-sql-injection
  db.query('SELECT * FROM users WHERE name = \'' + req.query.name + '\'', (e, rows) => res.json(rows));
  // ok: js-sql-injection
  db.query('SELECT * FROM users WHERE name = ?', [req.query.name], (e, rows) => res.json(rows));
}

function template(req) {
  const sql = `DELETE FROM posts WHERE id = ${req.params.id}`;
  // ruleid: js-sql-injection
  return db.query(sql);
}

function escaped(req) {
  const sql = 'SELECT * FROM t WHERE a = ' + mysql.escape(req.body.a);
  // ok: js-sql-injection
  return db.query(sql);
}

function numericId(req) {
  const id = Number(req.params.id);
  // ok: js-sql-injection
  return db.query('SELECT * FROM t WHERE id = ' + id);
}

function sortColumn(req) {
  const col = req.query.sort;
  if (!['name', 'created'].includes(col)) throw new Error('bad sort');
  // ok: js-sql-injection
  return db.query('SELECT * FROM t ORDER BY ' + col);
}

function sortColumnLogOnly(req) {
  const col = req.query.sort;
  if (!['name', 'created'].includes(col)) console.warn('odd sort', col);
  // ruleid: js-sql-injection
  return db.query('SELECT * FROM t ORDER BY ' + col);
}

function oneBranch(req) {
  let v = req.query.v;
  if (req.query.n) v = parseInt(v, 10);
  // ruleid: js-sql-injection
  return db.query('SELECT * FROM t WHERE v = ' + v);
}

function helper(req) {
  return findUser(req.query.email);
}

async function pgStyle(req, client) {
  // ok: js-sql-injection
  await client.query('SELECT * FROM users WHERE email = $1', [req.body.email]);
  // ruleid: js-sql-injection
  await client.query({ text: 'SELECT * FROM users WHERE email = \'' + req.body.email + '\'' });
}

function reassigned(req) {
  let where = 'name = ' + req.query.name;
  where = '1 = 1';
  // ok: js-sql-injection
  return db.query('SELECT * FROM t WHERE ' + where);
}

exports.byName = function (name) {
  // ruleid: js-sql-injection
  return db.query("SELECT * FROM users WHERE name = '" + name + "'");
};

exports.byNameSafe = function (name) {
  // ok: js-sql-injection
  return db.query('SELECT * FROM users WHERE name = ?', [name]);
};

module.exports.handlers = { concat, template, escaped, numericId, sortColumn, sortColumnLogOnly, oneBranch, helper, pgStyle, reassigned };
