// More shapes for js-prototype-pollution (ours, written for the test): recursive merges written
// with different loops, path setters, and the checks that do or do not protect them.

// for…of over Object.keys, recursion through a local alias.
function deepAssign(dst, src) {
  for (const k of Object.keys(src)) {
    const v = src[k];
    if (v && typeof v === 'object') {
      // ruleid: js-prototype-pollution
      const next = dst[k] || (dst[k] = {});
      deepAssign(next, v);
    } else {
      dst[k] = v;
    }
  }
  return dst;
}

// Object.entries destructuring.
function fromEntries(dst, src) {
  for (const [k, v] of Object.entries(src)) {
    // ruleid: js-prototype-pollution
    if (typeof v === 'object') fromEntries(dst[k] || (dst[k] = {}), v);
    else dst[k] = v;
  }
  return dst;
}

// The same with the dangerous keys skipped first.
function fromEntriesSafe(dst, src) {
  for (const [k, v] of Object.entries(src)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    // ok: js-prototype-pollution
    if (typeof v === 'object') fromEntriesSafe(dst[k] || (dst[k] = {}), v);
    else dst[k] = v;
  }
  return dst;
}

// A dotted path set, one segment at a time.
function setDotted(obj, dotted, value) {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    // ruleid: js-prototype-pollution
    cur = cur[parts[i]] || (cur[parts[i]] = {});
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

// The same path set with every segment checked before use.
function setDottedSafe(obj, dotted, value) {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (p === '__proto__' || p === 'constructor' || p === 'prototype') throw new Error('bad path');
    // ok: js-prototype-pollution
    cur = cur[p] || (cur[p] = {});
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

// A check that only logs protects nothing.
function setDottedLogged(obj, dotted, value) {
  const parts = dotted.split('.');
  if (parts.includes('__proto__')) console.warn('odd path', dotted);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    // ruleid: js-prototype-pollution
    cur = cur[parts[i]] || (cur[parts[i]] = {});
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

// Engine gaps, kept visible: a check made through a callback (`parts.some(…)`), a prototype-less
// destination (`Object.create(null)`) and a prefixed key are safe but still flagged.
function setDottedSome(obj, dotted, value) {
  const parts = dotted.split('.');
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) throw new Error('bad path');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    // todook: js-prototype-pollution
    cur = cur[parts[i]] || (cur[parts[i]] = {});
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

function intoNullProto(src) {
  const dst = Object.create(null);
  for (const k in src) {
    // todook: js-prototype-pollution
    dst[k] = dst[k] || {};
  }
  return dst;
}

// A key converted to a number cannot name the prototype.
function byIndex(dst, src) {
  for (const k in src) {
    const idx = Number(k);
    // ok: js-prototype-pollution
    dst[idx] = dst[idx] || {};
  }
  return dst;
}

// Descend only into what the destination owns.
function ownDescend(dst, src) {
  for (const k in src) {
    if (!Object.prototype.hasOwnProperty.call(dst, k)) dst[k] = {};
    // ok: js-prototype-pollution
    ownDescend(dst[k], src[k]);
  }
  return dst;
}

// A while loop walking a key list.
function setWhile(obj, keys, value) {
  let cur = obj;
  let i = 0;
  while (i < keys.length - 1) {
    // ruleid: js-prototype-pollution
    cur = cur[keys[i]] = cur[keys[i]] || {};
    i++;
  }
  cur[keys[i]] = value;
  return obj;
}

// A Map is not an object whose keys reach a prototype.
function intoMap(src) {
  const m = new Map();
  for (const k in src) {
    // ok: js-prototype-pollution
    m.set(k, Object.assign(m.get(k) || {}, src[k]));
  }
  return m;
}

// Keys from the query string, two levels deep.
function fromQuery(req) {
  const prefs = {};
  const { group, name } = req.query;
  // ruleid: js-prototype-pollution
  prefs[group][name] = req.query.value;
  return prefs;
}

// The same with the group taken from a fixed list.
const GROUPS = { ui: {}, mail: {} };
function fromQueryKnownGroup(req) {
  const group = Object.prototype.hasOwnProperty.call(GROUPS, req.query.group) ? req.query.group : 'ui';
  // ok: js-prototype-pollution
  GROUPS.ui[req.query.name] = req.query.value;
  return group;
}

// Recursion through a method of an exported object.
const tools = {
  extend(dst, src) {
    for (const k in src) {
      if (typeof src[k] === 'object') {
        // ruleid: js-prototype-pollution
        this.extend(dst[k] || (dst[k] = {}), src[k]);
      } else {
        dst[k] = src[k];
      }
    }
    return dst;
  },
};

// A prefixed key cannot name the prototype any more (engine gap: still flagged).
function prefixed(dst, src) {
  for (const k in src) {
    const key = 'k_' + k;
    // todook: js-prototype-pollution
    dst[key] = dst[key] || {};
    // todook: js-prototype-pollution
    Object.assign(dst[key], src[k]);
  }
  return dst;
}

const { setPath } = require('./js-prototype-pollution.helper.js');
const viaHelper = (obj, path, value) => setPath(obj, path, value);

module.exports = { viaHelper, setDottedSome, byIndex, ownDescend, setWhile, deepAssign, fromEntries, fromEntriesSafe, setDotted, setDottedSafe, setDottedLogged, intoNullProto, intoMap, fromQuery, fromQueryKnownGroup, tools, prefixed };
