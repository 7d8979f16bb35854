// Annotated test for js-prototype-pollution (ours, written for the test).
const { setPath, setSafe } = require('./js-prototype-pollution.helper.js');

function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object') {
      // ruleid: js-prototype-pollution
      merge(target[key] || (target[key] = {}), source[key]);
    } else {
      // A single-level write only changes target itself.
      // ok: js-prototype-pollution
      target[key] = source[key];
    }
  }
  return target;
}

function safeMerge(target, source) {
  for (const key in source) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    // ok: js-prototype-pollution
    target[key] = typeof source[key] === 'object' ? safeMerge(target[key] || {}, source[key]) : source[key];
  }
  return target;
}

function logOnly(target, source) {
  for (const key in source) {
    if (key === '__proto__') console.warn('suspicious key');
    // ruleid: js-prototype-pollution
    target[key] = typeof source[key] === 'object' ? logOnly(target[key] || {}, source[key]) : source[key];
  }
}

const UNSAFE_KEYS = ['__proto__', 'constructor', 'prototype'];
function blockList(target, source) {
  Object.keys(source).forEach(function (key) {
    if (UNSAFE_KEYS.includes(key)) return;
    // ok: js-prototype-pollution
    target[key] = blockList(target[key] || {}, source[key]);
  });
}

function ownOnly(target, source) {
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = {};
    // ok: js-prototype-pollution
    ownOnly(target[key], source[key]);
  }
}

function fromBody(req) {
  const settings = {};
  // ruleid: js-prototype-pollution
  settings[req.body.section][req.body.key] = req.body.value;
  // ok: js-prototype-pollution
  settings.section = req.body.value;
  return settings;
}

function parsed(text) {
  const data = JSON.parse(text);
  const out = {};
  Object.keys(data).forEach((k) => {
    // ruleid: js-prototype-pollution
    Object.assign(out[k] || {}, data[k]);
  });
  return out;
}

function walk(store, path) {
  let target = store;
  for (const part of path.split('.')) {
    // ruleid: js-prototype-pollution
    target = target[part];
  }
  return target;
}

function walkOwn(store, path) {
  let target = store;
  for (const part of path.split('.')) {
    if (!Object.prototype.hasOwnProperty.call(target, part)) target[part] = {};
    // ok: js-prototype-pollution
    target = target[part];
  }
  return target;
}

function constKey(source) {
  let key = source.name;
  key = 'name';
  const out = {};
  // ok: js-prototype-pollution
  out[key][source.name] = 1;
  return out;
}

function numericIndex(list) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    // ok: js-prototype-pollution
    out[i] = out[i] || list[i];
  }
  return out;
}

function viaHelper(obj, path, value) {
  setSafe(obj, path, value);
  return setPath(obj, path, value);
}

// An own-property test on the source object does not help: JSON.parse('{"__proto__": …}') owns it.
function mergeSourceOwn(target, src) {
  for (const key in src) {
    if (!Object.prototype.hasOwnProperty.call(src, key)) continue;
    // ruleid: js-prototype-pollution
    const cur = target[key];
    if (cur && typeof cur === 'object') mergeSourceOwn(cur, src[key]);
    else target[key] = src[key];
  }
  return target;
}

function mergeTargetOwn(target, src) {
  for (const key in src) {
    // ok: js-prototype-pollution
    const cur = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (cur && typeof cur === 'object') mergeTargetOwn(cur, src[key]);
    else target[key] = src[key];
  }
  return target;
}

// A utility library's iteration (`forOwn(obj, (value, key) => …)`) hands out the object's keys.
const utils = require('./utils');
function defaultsInto(target, src) {
  utils.forOwn(src, function (value, key) {
    // ruleid: js-prototype-pollution
    const cur = target[key];
    if (cur == null) target[key] = value;
    else if (typeof cur === 'object') defaultsInto(cur, value);
  });
  return target;
}

module.exports = { defaultsInto, mergeSourceOwn, mergeTargetOwn, merge, safeMerge, logOnly, blockList, ownOnly, fromBody, parsed, walk, walkOwn, constKey, numericIndex, viaHelper };
