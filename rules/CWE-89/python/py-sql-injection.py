# Annotated test for py-sql-injection (ours, written for the test).
import sqlite3

from flask import Flask, abort, request

app = Flask(__name__)
db = sqlite3.connect("app.db")

SORT_COLUMNS = {"name", "created"}


@app.route("/user")
def user_fstring():
    uid = request.args.get("id")
    cur = db.cursor()
    # ruleid: py-sql-injection
    cur.execute(f"SELECT * FROM users WHERE id = {uid}")
    return str(cur.fetchone())


@app.route("/user2")
def user_params():
    uid = request.args.get("id")
    cur = db.cursor()
    # ok: py-sql-injection
    cur.execute("SELECT * FROM users WHERE id = ?", (uid,))
    return str(cur.fetchone())


@app.route("/search")
def search_percent():
    term = request.form["q"]
    sql = "SELECT * FROM items WHERE title LIKE '%%%s%%'" % term
    # ruleid: py-sql-injection
    db.execute(sql)


@app.route("/search2")
def search_format():
    term = request.values.get("q", "")
    sql = "SELECT * FROM items WHERE title = '{}'".format(term)
    # ruleid: py-sql-injection
    db.cursor().execute(sql)


@app.route("/page")
def page_int():
    page = int(request.args.get("page", "1"))
    # ok: py-sql-injection
    db.execute("SELECT * FROM items LIMIT 20 OFFSET " + str(page * 20))


@app.route("/sort")
def sort_guard_aborts():
    col = request.args.get("sort")
    if col not in SORT_COLUMNS:
        abort(400)
    # ok: py-sql-injection
    db.execute("SELECT * FROM items ORDER BY " + col)


@app.route("/sort2")
def sort_guard_logs():
    col = request.args.get("sort")
    if col not in SORT_COLUMNS:
        app.logger.warning("unknown sort column %s", col)
    # ruleid: py-sql-injection
    db.execute("SELECT * FROM items ORDER BY " + col)


@app.route("/tag")
def escape_one_branch():
    tag = request.args["tag"]
    if request.args.get("strict"):
        tag = int(tag)
    # ruleid: py-sql-injection
    db.execute("SELECT * FROM tags WHERE id = %s" % tag)


@app.route("/stats")
def reassigned():
    table = request.args.get("table")
    table = "stats_daily"
    # ok: py-sql-injection
    db.execute("SELECT COUNT(*) FROM " + table)


def where_clause(field, value):
    return f"WHERE {field} = '{value}'"


@app.route("/lookup")
def through_helper():
    clause = where_clause("email", request.args.get("email"))
    # ruleid: py-sql-injection
    db.execute("SELECT * FROM accounts " + clause)


def run_sql(sql):
    # ruleid: py-sql-injection
    return db.execute(sql)


@app.route("/count/<name>")
def route_param(name):
    run_sql("SELECT COUNT(*) FROM t WHERE name = '" + name + "'")
    run_sql("SELECT 1")


@app.route("/digits")
def digits_only():
    n = request.args.get("n", "")
    if not n.isdigit():
        return "bad", 400
    # ok: py-sql-injection
    db.execute("SELECT * FROM t WHERE n = " + n)


@app.route("/sort3")
def sort_check_in_variable():
    col = request.args.get("sort")
    known = col in SORT_COLUMNS
    if not known:
        return "bad", 400
    # ok: py-sql-injection
    db.execute("SELECT * FROM items ORDER BY " + col)
