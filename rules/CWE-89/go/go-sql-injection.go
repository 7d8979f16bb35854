// Annotated test for go-sql-injection (ours, written for the test).
package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gorilla/mux"
)

var db *sql.DB
var sortColumns = map[string]bool{"name": true, "created": true}
var slug = regexp.MustCompile(`^[a-z0-9-]+$`)

func userSprintf(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	q := fmt.Sprintf("SELECT * FROM users WHERE id = %s", id)
	// ruleid: go-sql-injection
	rows, _ := db.Query(q)
	defer rows.Close()
}

func userArgs(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	// ok: go-sql-injection
	rows, _ := db.Query("SELECT * FROM users WHERE id = $1", id)
	defer rows.Close()
}

func deleteConcat(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	// ruleid: go-sql-injection
	db.Exec("DELETE FROM carts WHERE owner = '" + name + "'")
}

func pageAtoi(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.FormValue("page"))
	if err != nil {
		http.Error(w, "bad page", http.StatusBadRequest)
		return
	}
	// ok: go-sql-injection
	db.Query(fmt.Sprintf("SELECT * FROM items LIMIT 20 OFFSET %d", page*20))
}

func sortGuardReturns(w http.ResponseWriter, r *http.Request) {
	col := r.URL.Query().Get("sort")
	if !sortColumns[col] {
		http.Error(w, "bad column", http.StatusBadRequest)
		return
	}
	// ok: go-sql-injection
	db.Query("SELECT * FROM items ORDER BY " + col)
}

func sortGuardLogs(w http.ResponseWriter, r *http.Request) {
	col := r.URL.Query().Get("sort")
	if !sortColumns[col] {
		fmt.Println("unknown column", col)
	}
	// ruleid: go-sql-injection
	db.Query("SELECT * FROM items ORDER BY " + col)
}

func slugOneBranch(w http.ResponseWriter, r *http.Request) {
	s := mux.Vars(r)["slug"]
	if r.Method == http.MethodPost {
		if !slug.MatchString(s) {
			return
		}
	}
	// ruleid: go-sql-injection
	db.QueryRow("SELECT body FROM posts WHERE slug = '" + s + "'")
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	table := r.FormValue("table")
	table = "stats_daily"
	// ok: go-sql-injection
	db.Query("SELECT COUNT(*) FROM " + table)
}

func whereClause(field, value string) string {
	return fmt.Sprintf("WHERE %s = '%s'", field, value)
}

func throughHelper(w http.ResponseWriter, r *http.Request) {
	clause := whereClause("email", r.Header.Get("X-Email"))
	// ruleid: go-sql-injection
	db.QueryContext(r.Context(), "SELECT * FROM accounts "+clause)
}

func run(q string) {
	// ruleid: go-sql-injection
	db.Exec(q)
}

func callsRun(w http.ResponseWriter, r *http.Request) {
	run("UPDATE t SET seen = 1 WHERE tag = '" + r.PostFormValue("tag") + "'")
	run("UPDATE t SET seen = 0")
}
