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

// Library mode: what the constructor stores from its options is the caller's in every public method.
function Renderer(text, opts) {
  opts = opts || {};
  this.text = text;
  this.opts = { localsName: opts.localsName || 'locals', strict: !!opts.strict };
  this.label = 'renderer';
}

Renderer.prototype.compile = function () {
  const opts = this.opts;
  let src = 'var __out = "";\n';
  src += 'with (' + opts.localsName + ' || {}) { __out += 1; }\n';
  const ctor = Function;
  // ruleid: js-code-injection
  return new ctor(opts.localsName, src);
};

Renderer.prototype.compileChecked = function () {
  const opts = this.opts;
  if (!/^[A-Za-z_$][\w$]*$/.test(opts.localsName)) throw new Error('localsName');
  const src = 'with (' + opts.localsName + ' || {}) { return 1; }';
  // ok: js-code-injection
  return new Function(opts.localsName, src);
};

Renderer.prototype.describe = function () {
  // ok: js-code-injection
  return new Function('return ' + JSON.stringify(this.label));
};

Renderer.prototype = Object.assign(Renderer.prototype, {
  withHelpers: function (helperFn) {
    // ok: js-code-injection
    return new Function('h', 'return (' + helperFn.toString() + ')(h)');
  },
});

exports.Renderer = Renderer;

// `var api = module.exports = {}`: `api.x = function` is public API.
const yaml = require('js-yaml');
const fs = require('fs');
const api = module.exports.api = {};
var loader = module.exports = {};
loader.readConfig = function (file) {
  const text = fs.readFileSync(file, 'utf8');
  // ruleid: js-code-injection
  return yaml.load(text);
};
loader.readConfigSafe = function (file) {
  const text = fs.readFileSync(file, 'utf8');
  // ok: js-code-injection
  return yaml.safeLoad(text);
};
void api;

// A method assigned to `this` in an exported constructor is public API.
const { spawn } = require('child_process');
exports.Client = function Client() {
  this.send = function (body) {
    const program = 'require("http").request(opts).end(\'' + body.replace(/'/g, "\\'") + '\')';
    // ruleid: js-code-injection
    return spawn(process.execPath, ['-e', program]);
  };
  this.sendEscaped = function (body) {
    const program = 'require("http").request(opts).end(' + JSON.stringify(body) + ')';
    // ok: js-code-injection
    return spawn(process.execPath, ['-e', program]);
  };
  this.list = function (dir) {
    // ok: js-code-injection
    return spawn('ls', ['-e', dir]);
  };
};

// A local function handed by name to a library call is called back with that call's data.
const reduceCalls = require('reduce-function-call');
exports.reduceCalc = function (value) {
  function evaluate(body) {
    // ruleid: js-code-injection
    return eval(body.replace(/px/g, ''));
  }
  function evaluateNumber(body) {
    // ok: js-code-injection
    return eval(String(Number(body)));
  }
  return reduceCalls(value, /calc\(/, evaluate) + reduceCalls(value, /num\(/, evaluateNumber);
};

module.exports.handlers = { evalQuery, fnCtor, vmRun, timer, plugin, pluginNoCheck, oneBranch, reassigned, viaHelper, allowListed };
