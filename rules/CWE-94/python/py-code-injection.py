# Annotated test for py-code-injection (ours, written for the test).
import ast
import importlib
import json

from flask import Flask, abort, render_template, render_template_string, request

app = Flask(__name__)
PLUGINS = {"csv", "xlsx"}


@app.route("/calc")
def calc_eval():
    expr = request.args.get("expr")
    # ruleid: py-code-injection
    return str(eval(expr))


@app.route("/calc2")
def calc_literal():
    expr = request.args.get("expr")
    # ok: py-code-injection
    return str(ast.literal_eval(expr))


@app.route("/greet")
def ssti():
    name = request.args.get("name", "")
    # ruleid: py-code-injection
    return render_template_string("<p>Hello " + name + "</p>")


@app.route("/greet2")
def template_context():
    name = request.args.get("name", "")
    # ok: py-code-injection
    return render_template_string("<p>Hello {{ name }}</p>", name=name)


@app.route("/plugin")
def plugin_guard_aborts():
    kind = request.args.get("kind")
    if kind not in PLUGINS:
        abort(404)
    # ok: py-code-injection
    mod = importlib.import_module("exporters." + kind)
    return mod.run()


@app.route("/plugin2")
def plugin_guard_logs():
    kind = request.args.get("kind")
    if kind not in PLUGINS:
        app.logger.error("unknown plugin %s", kind)
    # ruleid: py-code-injection
    mod = importlib.import_module("exporters." + kind)
    return mod.run()


@app.route("/set")
def repr_one_branch():
    value = request.form["value"]
    if request.form.get("quote"):
        value = repr(value)
    # ruleid: py-code-injection
    exec("setting = " + value)


@app.route("/set2")
def json_value():
    value = json.dumps(request.form["value"])
    # ok: py-code-injection
    exec("setting = " + value)


@app.route("/noop")
def reassigned():
    code = request.args.get("code")
    code = "pass"
    # ok: py-code-injection
    exec(code)


def run_rule(rule_src):
    # ruleid: py-code-injection
    return eval(compile(rule_src, "<rule>", "eval"))


@app.route("/rule/<rule>")
def rule_view(rule):
    return str(run_rule(rule))
