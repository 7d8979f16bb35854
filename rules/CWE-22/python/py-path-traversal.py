# Annotated test for py-path-traversal (ours, written for the test).
import os
import shutil

from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
ROOT = "/srv/files"


@app.route("/read")
def join_alone():
    path = os.path.join(ROOT, request.args.get("f"))
    # ruleid: py-path-traversal
    with open(path) as fh:
        return fh.read()


@app.route("/read2")
def realpath_and_prefix():
    path = os.path.realpath(os.path.join(ROOT, request.args.get("f")))
    if not path.startswith(ROOT + os.sep):
        abort(403)
    # ok: py-path-traversal
    with open(path) as fh:
        return fh.read()


@app.route("/read3")
def prefix_only_logs():
    path = os.path.realpath(os.path.join(ROOT, request.args.get("f")))
    if not path.startswith(ROOT + os.sep):
        app.logger.warning("outside root: %s", path)
    # ruleid: py-path-traversal
    return send_file(path)


@app.route("/upload", methods=["POST"])
def upload_secure():
    f = request.files["file"]
    name = secure_filename(f.filename)
    # ok: py-path-traversal
    with open(os.path.join(ROOT, name), "wb") as out:
        out.write(f.read())


@app.route("/delete")
def basename_one_branch():
    name = request.args["name"]
    if request.args.get("flat"):
        name = os.path.basename(name)
    # ruleid: py-path-traversal
    os.remove(os.path.join(ROOT, name))


@app.route("/static/<path:name>")
def static_file(name):
    # ok: py-path-traversal
    return send_from_directory(ROOT, name)


@app.route("/dotdot")
def dotdot_rejected():
    rel = request.args.get("p", "")
    if ".." in rel:
        return "bad", 400
    # ok: py-path-traversal
    shutil.rmtree(os.path.join(ROOT, rel))


@app.route("/default")
def reassigned():
    page = request.args.get("page")
    page = "index.html"
    # ok: py-path-traversal
    return open(os.path.join(ROOT, page)).read()


def load(name):
    # ruleid: py-path-traversal
    return open(f"{ROOT}/{name}.json").read()


@app.route("/report/<report>")
def report_view(report):
    return load(report)


def upload_dir(request):
    target = os.path.join(ROOT, request.POST["dir"])
    # ruleid: py-path-traversal
    os.makedirs(target)
