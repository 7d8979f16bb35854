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
