// Helper module for js-prototype-pollution.js: a path walker in another file.
function setPath(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    // ruleid: js-prototype-pollution
    cur = cur[parts[i]] || (cur[parts[i]] = {});
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
}

function setSafe(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (part === '__proto__' || part === 'constructor') return obj;
    // ok: js-prototype-pollution
    cur = cur[part] || (cur[part] = {});
  }
  return obj;
}

module.exports = { setPath, setSafe };
