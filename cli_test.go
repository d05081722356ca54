package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Opening a FIFO blocks until something writes to it: a scenario, or a
// FIFO inside a checked folder, must be refused before it is opened.
func TestSpecialFilesAreRefusedBeforeTheyAreOpened(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "lesson.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("this system cannot make a FIFO: %v", err)
	}
	for _, args := range [][]string{{"run", fifo}, {"check", fifo}, {"check", dir}, {"bill", fifo}} {
		_, errs, code := ec2sim(t, args...)
		if code != exitInvalid || !strings.Contains(errs, "not a regular file (a named pipe)") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}
