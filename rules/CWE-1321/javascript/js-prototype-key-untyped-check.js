// Annotated test for js-prototype-key-untyped-check (ours, written for the test).
// A deny-list test by strict equality (`===`, `!==`, `includes`, `indexOf`, `Set.has`) on a
// key that may be an array: ['__proto__'] is not '__proto__', yet becomes it as a property name.

function setPath(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    // ruleid: js-prototype-key-untyped-check
    if (k === '__proto__' || k === 'constructor') throw new Error('unsafe key');
    if (i === keys.length - 1) o[k] = value;
    else o = o[k] || (o[k] = {});
  }
  return obj;
}

function setPathString(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length; i++) {
    const k = String(keys[i]);
    // ok: js-prototype-key-untyped-check
    if (k === '__proto__' || k === 'constructor') throw new Error('unsafe key');
    if (i === keys.length - 1) o[k] = value;
    else o = o[k] || (o[k] = {});
  }
  return obj;
}

function setPathTyped(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length; i++) {
    let k = keys[i];
    if (typeof k !== 'string' && typeof k !== 'number') throw new TypeError('key must be a string');
    // ok: js-prototype-key-untyped-check
    if (k === '__proto__') throw new Error('unsafe key');
    if (i === keys.length - 1) o[k] = value;
    else o = o[k] || (o[k] = {});
  }
  return obj;
}

function setDotted(obj, dotted, value) {
  const parts = dotted.split('.');
  const last = parts.pop();
  let o = obj;
  for (const part of parts) {
    // ok: js-prototype-key-untyped-check
    if (part === '__proto__') return obj;
    o = o[part] || (o[part] = {});
  }
  o[last] = value;
  return obj;
}

function assignIn(target, segments, value) {
  const [head, ...rest] = segments;
  // ruleid: js-prototype-key-untyped-check
  if (['__proto__', 'constructor', 'prototype'].includes(head)) return target;
  if (rest.length === 0) {
    target[head] = value;
    return target;
  }
  if (target[head] == null) target[head] = {};
  assignIn(target[head], rest, value);
  return target;
}

const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);
function ensure(root, names) {
  let cur = root;
  for (const name of names) {
    // ruleid: js-prototype-key-untyped-check
    if (BLOCKED.has(name)) continue;
    cur = cur[name] ?? (cur[name] = {});
  }
  return cur;
}

function ensureChecked(root, names) {
  let cur = root;
  for (const name of names) {
    // ok: js-prototype-key-untyped-check
    if (typeof name !== 'string' || BLOCKED.has(name)) continue;
    cur = cur[name] ?? (cur[name] = {});
  }
  return cur;
}

function ensureWrongOrder(root, names) {
  let cur = root;
  for (const name of names) {
    // A string test that only narrows the deny-list test lets every other type through.
    // ruleid: js-prototype-key-untyped-check
    if (typeof name === 'string' && name === 'prototype') continue;
    cur = cur[name] ?? (cur[name] = {});
  }
  return cur;
}

function putNested(store, keyPath, value) {
  let node = store;
  for (let i = 0; i < keyPath.length - 1; i++) {
    let key = keyPath[i];
    if (typeof key === 'object') key = `${key}`;
    // ok: js-prototype-key-untyped-check
    if (key !== '__proto__' && key !== 'constructor') node = node[key] || (node[key] = {});
  }
  return node;
}

const UNSAFE = ['__proto__', 'constructor'];
function putIndexed(store, keyPath, value) {
  let node = store;
  for (let i = 0; i < keyPath.length - 1; i++) {
    const key = keyPath[i];
    // ruleid: js-prototype-key-untyped-check
    if (UNSAFE.indexOf(key) !== -1) throw new Error('unsafe key');
    node[key][keyPath[i + 1]] = value;
  }
  return node;
}

function deepMerge(dst, src) {
  // Keys of for…in and Object.keys are always strings.
  for (const key in src) {
    // ok: js-prototype-key-untyped-check
    if (key === '__proto__') continue;
    if (typeof src[key] === 'object') deepMerge(dst[key] || (dst[key] = {}), src[key]);
    else dst[key] = src[key];
  }
  Object.keys(src).forEach((key) => {
    // ok: js-prototype-key-untyped-check
    if (key === 'constructor') return;
    deepMerge(dst[key] || (dst[key] = {}), src[key]);
  });
  return dst;
}

function setOwn(obj, key, value) {
  // One level only: the write changes obj itself, it cannot reach Object.prototype.
  // ok: js-prototype-key-untyped-check
  if (key === '__proto__') return obj;
  obj[key] = value;
  return obj;
}

function isMagic(key) {
  // A test with no write after it in the function.
  // ok: js-prototype-key-untyped-check
  return key === '__proto__' || key === 'constructor';
}

function looseCompare(obj, keys, value) {
  let o = obj;
  for (const k of keys) {
    // `==` converts an array to its text before comparing: ['__proto__'] == '__proto__'.
    // ok: js-prototype-key-untyped-check
    if (k == '__proto__') throw new Error('unsafe key');
    o = o[k] || (o[k] = {});
  }
  o.value = value;
  return obj;
}

function applyPatch(target, patchText) {
  // JSON data: a path segment can be an array.
  const ops = JSON.parse(patchText);
  for (const op of ops) {
    let cur = target;
    for (let i = 0; i < op.path.length - 1; i++) {
      const seg = op.path[i];
      // ruleid: js-prototype-key-untyped-check
      if (seg === '__proto__' || seg === 'constructor') throw new Error('unsafe path');
      cur = cur[seg] = cur[seg] || {};
    }
    cur[op.path[op.path.length - 1]] = op.value;
  }
  return target;
}

function cleanKey(raw) {
  return String(raw).trim();
}
function setClean(obj, keys, value) {
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    // A key another function returns is not followed (here it is a string anyway).
    const k = cleanKey(keys[i]);
    // ok: js-prototype-key-untyped-check
    if (k === '__proto__') throw new Error('unsafe key');
    o = o[k] || (o[k] = {});
  }
  o[keys[keys.length - 1]] = value;
  return obj;
}

module.exports = { setPath, setPathString, setPathTyped, setDotted, assignIn, ensure, ensureChecked, ensureWrongOrder, putNested, putIndexed, deepMerge, setOwn, isMagic, looseCompare, applyPatch, setClean };
