# Annotated test for py-xss (ours, written for the test).
import html

from django.http import HttpResponse
from flask import Flask, abort, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: py-xss
    return f"<h1>Hello {name}</h1>"


@app.route("/hello2")
def hello_escaped():
    name = escape(request.args.get("name", ""))
    # ok: py-xss
    return f"<h1>Hello {name}</h1>"


@app.route("/hello3")
def hello_template():
    # ok: py-xss
    return render_template("hello.html", name=request.args.get("name"))


@app.route("/profile")
def profile_response():
    bio = request.form["bio"]
    # ruleid: py-xss
    resp = make_response("<div>" + bio + "</div>")
    return resp


@app.route("/color")
def color_guard_aborts():
    color = request.args.get("c", "")
    if not color.isalnum():
        abort(400)
    # ok: py-xss
    return Markup('<span style="color:%s">x</span>' % color)


@app.route("/color2")
def color_guard_logs():
    color = request.args.get("c", "")
    if not color.isalnum():
        app.logger.info("odd color")
    # ruleid: py-xss
    return Markup('<span style="color:%s">x</span>' % color)


@app.route("/note")
def escape_one_branch():
    note = request.args["note"]
    if len(note) > 50:
        note = html.escape(note[:50])
    # ruleid: py-xss
    return "<p>" + note + "</p>"


@app.route("/title")
def reassigned():
    title = request.args.get("title")
    title = "Home"
    # ok: py-xss
    return "<title>" + title + "</title>"


def card(text):
    return "<div class='card'>" + text + "</div>"


def django_view(request):
    body = card(request.GET.get("msg"))
    # ruleid: py-xss
    return HttpResponse(body)


def django_view_safe(request):
    body = card(html.escape(request.GET.get("msg")))
    # ok: py-xss
    return HttpResponse(body)


def django_keyword_body(request):
    # ruleid: py-xss
    return HttpResponse(content="<p>" + request.GET.get("q") + "</p>")


def django_type_only(request):
    kind = request.GET.get("kind", "plain")
    # ok: py-xss
    return HttpResponse(content_type="text/" + kind, status=204)
