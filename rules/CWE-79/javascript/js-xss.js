// Annotated test for js-xss (ours, written for the test).
const escapeHtml = require('escape-html');
const { renderGreeting } = require('./js-xss.helper.js');

function reflect(req, res) {
  // ruleid: js-xss
  res.send('<h1>Hello ' + req.query.name + '</h1>');
  // ok: js-xss
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
  // ok: js-xss
  res.json({ name: req.query.name });
}

function notFound(req, res) {
  const msg = `Cannot ${req.method} ${req.originalUrl}`;
  // ruleid: js-xss
  res.end(msg);
}

function oneBranch(req, res) {
  let q = req.query.q;
  if (req.query.safe) q = escapeHtml(q);
  // ruleid: js-xss
  res.write('<p>' + q + '</p>');
}

function bothBranches(req, res) {
  let q = req.query.q;
  if (req.query.safe) q = escapeHtml(q);
  else q = 'nothing';
  // ok: js-xss
  res.write('<p>' + q + '</p>');
}

function reassigned(req, res) {
  let body = req.body.html;
  body = '<p>static</p>';
  // ok: js-xss
  res.send(body);
}

function koa(ctx) {
  // ruleid: js-xss
  ctx.body = '<a href="' + ctx.query.next + '">continue</a>';
  // ok: js-xss
  ctx.body = { next: JSON.stringify(ctx.query.next) };
}

function page(req, res) {
  const html = renderGreeting(req.query.who);
  // ruleid: js-xss
  res.send(html);
}

function numeric(req, res) {
  const n = parseInt(req.query.n, 10);
  // ok: js-xss
  res.send('<p>' + n + '</p>');
}

function arrayJoin(req, res) {
  const items = req.body.items.map((i) => '<li>' + i + '</li>');
  // ruleid: js-xss
  res.send('<ul>' + items.join('') + '</ul>');
}

function browser(el, location) {
  const params = new URLSearchParams(location.search);
  // ok: js-xss
  el.textContent = params.get('q');
}

function handler(request, response) {
  const u = request.url;
  // ruleid: js-xss
  response.end('<p>Moved to ' + u + '</p>');
  // ok: js-xss
  response.end('<p>Moved to ' + escapeHtml(u) + '</p>');
}

module.exports = { reflect, notFound, oneBranch, bothBranches, reassigned, koa, page, numeric, arrayJoin, browser, handler };
