// Annotated test for js-code-injection (ours, written for the test).
const vm = require('vm');
const { calc } = require('./js-code-injection.helper.js');

function evalQuery(req, res) {
  // ruleid: js-code-injection
  res.json(eval(req.query.expr));
  // ok: js-code-injection
  res.json(JSON.parse(req.query.expr));
}

function fnCtor(req) {
  const body = 'return ' + req.body.formula;
  // ruleid: js-code-injection
  const f = new Function('x', body);
  // ok: js-code-injection
  const g = new Function('x', 'return x * 2');
  return [f, g];
}

function vmRun(req) {
  // ruleid: js-code-injection
  return vm.runInNewContext(req.body.code, {});
}

function timer(req) {
  // ruleid: js-code-injection
  setTimeout('handle(' + req.query.id + ')', 10);
  // ok: js-code-injection
  setTimeout(() => console.log(req.query.id), 10);
}

function plugin(req) {
  const name = req.params.plugin;
  if (!/^[a-z]+$/.test(name)) return null;
  // ok: js-code-injection
  return require('./plugins/' + name);
}

function pluginNoCheck(req) {
  const name = req.params.plugin;
  if (!/^[a-z]+$/.test(name)) console.log('odd plugin');
  // ruleid: js-code-injection
  return require('./plugins/' + name);
}

function oneBranch(req) {
  let code = req.body.code;
  if (req.body.numeric) code = Number(code);
  // ruleid: js-code-injection
  return eval(code);
}

function reassigned(req) {
  let code = req.body.code;
  code = '1 + 1';
  // ok: js-code-injection
  return eval(code);
}

function viaHelper(req) {
  return calc(req.query.e);
}

function allowListed(req) {
  const op = req.query.op;
  if (!['add', 'sub'].includes(op)) throw new Error('op');
  // ok: js-code-injection
  return eval('ops.' + op);
}

exports.compile = function (template) {
  const src = 'with (data) { return `' + template + '`; }';
  // ruleid: js-code-injection
  return new Function('data', src);
};

exports.safeCompile = function (template) {
  // ok: js-code-injection
  return new Function('data', 'return data[' + JSON.stringify(template) + ']');
};

module.exports.handlers = { evalQuery, fnCtor, vmRun, timer, plugin, pluginNoCheck, oneBranch, reassigned, viaHelper, allowListed };
