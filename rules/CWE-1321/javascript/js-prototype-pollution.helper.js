// Helper module for js-prototype-pollution.js: a path walker in another file.
function setPath(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur[parts[i]] || {};
  }
  // ruleid: js-prototype-pollution
  cur[parts[parts.length - 1]] = value;
  return obj;
}

function setSafe(obj, path, value) {
  const parts = path.split('.');
  const last = parts[parts.length - 1];
  if (last === '__proto__') return obj;
  // ok: js-prototype-pollution
  obj[last] = value;
  return obj;
}

module.exports = { setPath, setSafe };
