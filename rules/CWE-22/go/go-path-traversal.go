// Annotated test for go-path-traversal (ours, written for the test).
package main

import (
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/srv/files"

func joinAlone(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(root, r.URL.Query().Get("f"))
	// ruleid: go-path-traversal
	data, _ := os.ReadFile(p)
	w.Write(data)
}

func cleanAndPrefix(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join(root, r.URL.Query().Get("f")))
	if !strings.HasPrefix(p, root+string(os.PathSeparator)) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	// ok: go-path-traversal
	http.ServeFile(w, r, p)
}

func prefixOnlyLogs(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join(root, r.URL.Query().Get("f")))
	if !strings.HasPrefix(p, root+string(os.PathSeparator)) {
		log.Printf("outside root: %s", p)
	}
	// ruleid: go-path-traversal
	http.ServeFile(w, r, p)
}

func baseOnly(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.FormValue("name"))
	// ok: go-path-traversal
	f, _ := os.Create(filepath.Join(root, name))
	defer f.Close()
	io.Copy(f, r.Body)
}

func baseOneBranch(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	if r.FormValue("flat") != "" {
		name = filepath.Base(name)
	}
	// ruleid: go-path-traversal
	os.Remove(filepath.Join(root, name))
}

func localOnly(w http.ResponseWriter, r *http.Request) {
	rel := r.URL.Query().Get("p")
	if !filepath.IsLocal(rel) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal
	os.RemoveAll(filepath.Join(root, rel))
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("page")
	name = "index.html"
	// ok: go-path-traversal
	data, _ := os.ReadFile(filepath.Join(root, name))
	w.Write(data)
}

func openExport(name string) (*os.File, error) {
	// ruleid: go-path-traversal
	return os.Open("/srv/exports/" + name)
}

func export(w http.ResponseWriter, r *http.Request) {
	openExport(r.Header.Get("X-Export"))
	openExport("report.csv")
}

func uploads(w http.ResponseWriter, r *http.Request) {
	data, _ := readUpload(r.FormValue("name"))
	w.Write(data)
	safe, _ := readUploadBase(r.FormValue("name"))
	w.Write(safe)
}
