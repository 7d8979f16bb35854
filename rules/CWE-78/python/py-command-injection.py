# Annotated test for py-command-injection (ours, written for the test).
import os
import re
import shlex
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
BRANCH = re.compile(r"[a-z0-9-]+")


@app.route("/ping")
def ping_system():
    host = request.args.get("host")
    # ruleid: py-command-injection
    os.system("ping -c 1 " + host)


@app.route("/ping2")
def ping_list():
    host = request.args.get("host")
    # ok: py-command-injection
    subprocess.run(["ping", "-c", "1", host], check=True)


@app.route("/ping3")
def ping_shell_true():
    host = request.args.get("host")
    # ruleid: py-command-injection
    subprocess.run(f"ping -c 1 {host}", shell=True)


@app.route("/ping4")
def ping_quoted():
    host = shlex.quote(request.args.get("host"))
    # ok: py-command-injection
    subprocess.check_output("ping -c 1 " + host, shell=True)


@app.route("/checkout")
def guard_aborts():
    branch = request.form["branch"]
    if not BRANCH.fullmatch(branch):
        abort(400)
    # ok: py-command-injection
    os.system("git checkout " + branch)


@app.route("/checkout2")
def guard_logs():
    branch = request.form["branch"]
    if not BRANCH.fullmatch(branch):
        print("unexpected branch", branch)
    # ruleid: py-command-injection
    os.popen("git checkout " + branch).read()


@app.route("/archive")
def quote_one_branch():
    name = request.args["name"]
    if request.args.get("safe"):
        name = shlex.quote(name)
    # ruleid: py-command-injection
    subprocess.call("tar czf /tmp/out.tgz " + name, shell=True)


@app.route("/uptime")
def reassigned():
    cmd = request.args.get("cmd")
    cmd = "uptime"
    # ok: py-command-injection
    os.system(cmd)


@app.route("/sh")
def sh_dash_c():
    script = request.get_json()["script"]
    # ruleid: py-command-injection
    subprocess.Popen(["/bin/sh", "-c", script])


def convert(args):
    # ruleid: py-command-injection
    return subprocess.getoutput("convert " + args)


@app.route("/resize/<size>")
def resize(size):
    convert("in.png -resize " + size + " out.png")
    convert("in.png -resize 50% out.png")


@app.route("/ls")
def args_from_loop():
    parts = []
    for p in request.args.getlist("p"):
        parts.append(p)
    # ruleid: py-command-injection
    os.system("ls " + " ".join(parts))
    # ok: py-command-injection
    subprocess.run(["ls", *parts])
