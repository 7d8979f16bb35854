// Helper module for js-sql-injection.js.
const db = require('./db');

function findUser(email) {
  // ruleid: js-sql-injection
  return db.query("SELECT * FROM users WHERE email = '" + email + "'");
}

function findUserSafe(email) {
  // ok: js-sql-injection
  return db.query('SELECT * FROM users WHERE email = ?', [email]);
}

module.exports = { findUser, findUserSafe };
