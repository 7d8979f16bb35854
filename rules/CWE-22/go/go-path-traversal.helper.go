// Helper for the go-path-traversal annotated test (ours): another file of the same package.
package main

import (
	"os"
	"path/filepath"
)

func readUpload(name string) ([]byte, error) {
	// ruleid: go-path-traversal
	return os.ReadFile(filepath.Join("/srv/uploads", name))
}

func readUploadBase(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("/srv/uploads", filepath.Base(name)))
}
