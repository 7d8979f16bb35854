// Annotated test for go-xss (ours, written for the test).
package main

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"log"
	"net/http"
	"regexp"
)

var colorName = regexp.MustCompile(`^[a-z]+$`)
var page = template.Must(template.New("p").Parse(`<h1>Hello {{.}}</h1>`))

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
}

func helloEscaped(w http.ResponseWriter, r *http.Request) {
	name := html.EscapeString(r.URL.Query().Get("name"))
	// ok: go-xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
}

func helloTemplate(w http.ResponseWriter, r *http.Request) {
	// ok: go-xss
	page.Execute(w, r.URL.Query().Get("name"))
}

func writeBytes(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")
	// ruleid: go-xss
	w.Write([]byte("<input value=\"" + q + "\">"))
}

func guardReturns(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("color")
	if !colorName.MatchString(c) {
		http.Error(w, "bad color", http.StatusBadRequest)
		return
	}
	// ok: go-xss
	io.WriteString(w, "<span style='color:"+c+"'>x</span>")
}

func guardLogs(w http.ResponseWriter, r *http.Request) {
	c := r.FormValue("color")
	if !colorName.MatchString(c) {
		log.Println("odd color", c)
	}
	// ruleid: go-xss
	io.WriteString(w, "<span style='color:"+c+"'>x</span>")
}

func escapeOneBranch(w http.ResponseWriter, r *http.Request) {
	msg := r.PostFormValue("msg")
	if len(msg) > 80 {
		msg = html.EscapeString(msg[:80])
	}
	// ruleid: go-xss
	fmt.Fprintln(w, "<p>"+msg+"</p>")
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	title := r.FormValue("title")
	title = "Home"
	// ok: go-xss
	fmt.Fprint(w, "<title>"+title+"</title>")
}

func card(text string) template.HTML {
	// ruleid: go-xss
	return template.HTML("<div class='card'>" + text + "</div>")
}

func cards(w http.ResponseWriter, r *http.Request) {
	page.Execute(w, card(r.Header.Get("Referer")))
	page.Execute(w, card("static"))
}
