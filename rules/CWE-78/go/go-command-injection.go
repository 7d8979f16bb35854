// Annotated test for go-command-injection (ours, written for the test).
package main

import (
	"log"
	"net/http"
	"os/exec"
	"regexp"
)

var branchName = regexp.MustCompile(`^[a-z0-9-]+$`)
var formats = map[string]bool{"png": true, "jpg": true}

func pingShell(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go-command-injection
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	w.Write(out)
}

func pingArgs(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ok: go-command-injection
	out, _ := exec.Command("ping", "-c", "1", host).Output()
	w.Write(out)
}

func toolFromRequest(w http.ResponseWriter, r *http.Request) {
	tool := r.FormValue("tool")
	// ruleid: go-command-injection
	exec.Command(tool, "--version").Run()
}

func guardReturns(w http.ResponseWriter, r *http.Request) {
	branch := r.FormValue("branch")
	if !branchName.MatchString(branch) {
		http.Error(w, "bad branch", http.StatusBadRequest)
		return
	}
	// ok: go-command-injection
	exec.Command("bash", "-c", "git checkout "+branch).Run()
}

func guardLogs(w http.ResponseWriter, r *http.Request) {
	branch := r.FormValue("branch")
	if !branchName.MatchString(branch) {
		log.Printf("odd branch %q", branch)
	}
	// ruleid: go-command-injection
	exec.Command("bash", "-c", "git checkout "+branch).Run()
}

func formatOneBranch(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if r.Method == http.MethodGet {
		if !formats[format] {
			return
		}
	}
	// ruleid: go-command-injection
	exec.Command("sh", "-c", "convert in.tif out."+format).Run()
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	cmd := r.FormValue("cmd")
	cmd = "uptime"
	// ok: go-command-injection
	exec.Command("sh", "-c", cmd).Run()
}

func runScript(ctx *http.Request, line string) error {
	// ruleid: go-command-injection
	return exec.CommandContext(ctx.Context(), "/bin/sh", "-c", line).Run()
}

func throughHelper(w http.ResponseWriter, r *http.Request) {
	runScript(r, "tar czf out.tgz "+r.PostFormValue("dir"))
	runScript(r, "uptime")
}

func argsFromLoop(w http.ResponseWriter, r *http.Request) {
	args := []string{"-l"}
	for _, p := range r.URL.Query()["path"] {
		args = append(args, p)
	}
	// ok: go-command-injection
	exec.Command("ls", args...).Run()
}
