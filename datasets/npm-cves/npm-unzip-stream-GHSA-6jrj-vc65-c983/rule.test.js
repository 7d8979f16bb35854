// Annotated test for unzip-stream-ghsa-6jrj-vc65-c983-zip-slip (ours, written for the test).
// Each "class" has its own _prepareOutStream(vars, entry): entry.path is the archive's name.
function A() {}
A.prototype._prepareOutStream = function (vars, entry) {
  // Only a leading run of '../' is removed: 'a/../../x' keeps its inner '..'.
  // ruleid: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = entry.path.replace(/^(\.+[\\/]+)+/, '');
  entry.type = 'File';
};

function B() {}
B.prototype._prepareOutStream = function (vars, entry) {
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = entry.path.replace(/(?<=^|[\\/])\.{2,}(?=[\\/]|$)/g, '.');
};

function C() {}
C.prototype._prepareOutStream = function (vars, entry) {
  var name = entry.path;
  if (vars.flags & 1) name = name.replace(/(^|[\\/])\.\.(?=[\\/]|$)/g, '$1');
  // Sanitised on one branch only.
  // ruleid: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = name;
};

function D() {}
D.prototype._prepareOutStream = function (vars, entry) {
  if (/(^|[\\/])\.\.([\\/]|$)/.test(entry.path)) {
    throw new Error('unsafe entry name ' + entry.path);
  }
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = entry.path.replace(/^[\\/]+/, '');
};

function E() {}
E.prototype._prepareOutStream = function (vars, entry) {
  if (entry.path.split(/[\\/]/).includes('..')) {
    // Only logs, keeps going.
    console.warn('suspicious', entry.path);
  }
  // A check on entry.path that does not exit leaves the unchecked branch's value in place.
  // ruleid: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = entry.path.replace(/^[\\/]+/, '');
};

function E2() {}
E2.prototype._prepareOutStream = function (vars, entry) {
  var name = entry.path;
  if (name.split(/[\\/]/).includes('..')) {
    console.warn('suspicious', name);
  }
  // ruleid: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = name.replace(/^[\\/]+/, '');
};

function E3() {}
E3.prototype._prepareOutStream = function (vars, entry) {
  var name = entry.path;
  if (name.split(/[\\/]/).includes('..')) return;
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = name.replace(/^[\\/]+/, '');
};

function F() {}
F.prototype._prepareOutStream = function (vars, entry) {
  var parts = entry.path.split(/[\\/]+/).filter(function (s) { return s !== '..' && s !== ''; });
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = parts.join('/');
};

function G() {}
G.prototype._prepareOutStream = function (vars, entry) {
  var clean = entry.path.replace(/\\/g, '/');
  // Backslashes folded, dots untouched.
  // ruleid: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = clean;
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.type = clean.endsWith('/') ? 'Directory' : 'File';
};

function H() {}
H.prototype._prepareOutStream = function (vars, entry) {
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  entry.path = require('path').posix.normalize('/' + entry.path).replace(/^(\/|\.\.\/)+/, '');
};

function I() {}
I.prototype._prepareOutStream = function (vars, other) {
  // Not the archive entry (the parameter is not `entry`).
  // ok: unzip-stream-ghsa-6jrj-vc65-c983-zip-slip
  other.path = vars.name;
};

module.exports = { A, B, C, D, E, E2, E3, F, G, H, I };
