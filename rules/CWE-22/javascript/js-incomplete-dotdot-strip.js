// Annotated test for js-incomplete-dotdot-strip (ours, written for the test).
const path = require('path');

function leadingOnly(name) {
  // ruleid: js-incomplete-dotdot-strip
  return name.replace(/^(\.\.[\/\\])+/, '');
}

function leadingDots(entry) {
  // ruleid: js-incomplete-dotdot-strip
  entry.name = entry.name.replace(/^[\/\\]*([.]+[\/\\]+)*/, '');
}

function firstOnly(rel) {
  // ruleid: js-incomplete-dotdot-strip
  return path.join('/srv/files', rel.replace(/\.\.\//, ''));
}

function stringPattern(p) {
  // ruleid: js-incomplete-dotdot-strip
  return p.replace('../', '');
}

function deleteEverywhere(p) {
  // ruleid: js-incomplete-dotdot-strip
  return p.replace(/\.\.[\/\\]/g, '');
}

function deleteAllString(p) {
  // ruleid: js-incomplete-dotdot-strip
  return p.replaceAll('../', '');
}

function stripThenJoin(root, p) {
  // ruleid: js-incomplete-dotdot-strip
  const rel = p.replace(/^(\.\.\/)+/, '');
  return path.join(root, rel);
}

function stripThenNormalize(root, p) {
  // ok: js-incomplete-dotdot-strip
  let rel = p.replace(/\/\.\.\//, '/');
  rel = path.normalize('/' + rel);
  return path.join(root, rel);
}

function stripThenResolve(root, name) {
  // ok: js-incomplete-dotdot-strip
  const cleaned = name.replace('../', '');
  const full = path.resolve(root, cleaned);
  if (!full.startsWith(root + path.sep)) throw new Error('outside');
  return full;
}

function wholeSegments(p) {
  // ok: js-incomplete-dotdot-strip
  return p.replace(/(^|[\/\\])\.\.(?=[\/\\]|$)/g, '$1_');
}

function lookbehindSegments(p) {
  // ok: js-incomplete-dotdot-strip
  return p.replace(/(?<=^|[\/\\])[.][.]+(?=[\/\\]|$)/g, '.');
}

function leadingSlash(p) {
  // ok: js-incomplete-dotdot-strip
  return p.replace(/^[\/\\]+/, '');
}

function leadingDotSlash(p) {
  // ok: js-incomplete-dotdot-strip
  return p.replace(/^\.\//, '');
}

function extension(p) {
  // ok: js-incomplete-dotdot-strip
  return p.replace(/\.[a-z]+$/, '');
}

function segmentsFiltered(p) {
  // ok: js-incomplete-dotdot-strip
  return p.split(/[\/\\]/).filter((s) => s !== '..' && s !== '.').join('/').replace(/\/+/g, '/');
}
