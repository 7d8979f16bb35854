// Annotated test for go-code-injection (ours, written for the test).
package main

import (
	"log"
	"net/http"
	"net/url"
	"strconv"
	"text/template"

	"github.com/dop251/goja"
	"github.com/expr-lang/expr"
)

var formulas = map[string]string{"double": "x * 2", "square": "x * x"}

func greetTemplate(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-code-injection
	t, _ := template.New("greet").Parse("<p>Hello " + name + "</p>")
	t.Execute(w, nil)
}

func greetData(w http.ResponseWriter, r *http.Request) {
	// ok: go-code-injection
	t, _ := template.New("greet").Parse("<p>Hello {{.}}</p>")
	t.Execute(w, r.URL.Query().Get("name"))
}

func calc(w http.ResponseWriter, r *http.Request) {
	vm := goja.New()
	// ruleid: go-code-injection
	v, _ := vm.RunString(r.FormValue("expr"))
	w.Write([]byte(v.String()))
}

func calcNumber(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	vm := goja.New()
	// ok: go-code-injection
	vm.RunString("Math.sqrt(" + strconv.Itoa(n) + ")")
}

func formulaGuardReturns(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("formula")
	if _, ok := formulas[name]; !ok {
		http.Error(w, "unknown formula", http.StatusNotFound)
		return
	}
	// ok: go-code-injection
	expr.Compile(name + "(x)")
}

func formulaGuardLogs(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("formula")
	if !known[name] {
		log.Println("unknown formula", name)
	}
	// ruleid: go-code-injection
	expr.Compile(name + "(x)")
}

var known = map[string]bool{"double": true}

func knownReturns(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("formula")
	if !known[name] {
		return
	}
	// ok: go-code-injection
	expr.Compile(name + "(x)")
}

func quoteOneBranch(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("v")
	if r.Method == http.MethodPost {
		v = strconv.Quote(v)
	}
	// ruleid: go-code-injection
	expr.Eval("value == "+v, nil)
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	src := r.FormValue("src")
	src = "1 + 1"
	// ok: go-code-injection
	expr.Eval(src, nil)
}

func compileRule(src string) {
	// ruleid: go-code-injection
	expr.Compile(src)
}

func rules(w http.ResponseWriter, r *http.Request) {
	compileRule(r.Header.Get("X-Rule"))
	compileRule("true")
}

func redirectTarget(w http.ResponseWriter, r *http.Request) {
	// ok: go-code-injection
	u, err := url.Parse(r.URL.Query().Get("next"))
	if err != nil || u.Host != "" {
		http.Error(w, "bad target", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, u.Path, http.StatusFound)
}
