package main

import (
	"bytes"
	"context"
	"errors"
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

// failingWriter is a disk that fills up after a few bytes.
type failingWriter struct{ room int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n := f.room
		f.room = 0
		return n, errors.New("no space left on device")
	}
	f.room -= len(p)
	return len(p), nil
}

// A report that could not be written whole is a failure the user sees,
// never an exit 0 with a truncated file (`ec2sim gen fleet > file` on a
// full disk).
func TestAFailedWriteIsAnErrorNotASilentExit0(t *testing.T) {
	for _, args := range [][]string{{"run", "console-tutorial"}, {"run", "--json", "console-tutorial"}, {"gen", "fleet"}, {"list"}} {
		var errb bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &failingWriter{room: 100}, &errb)
		if code == exitOK || !strings.Contains(errb.String(), "no space left") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}

// Ctrl-C while a long report is being printed stops it and exits 130
// (here the interrupt arrives with the first buffer written).
func TestAnInterruptWhilePrintingExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	out := writerFunc(func(p []byte) (int, error) { cancel(); return len(p), nil })
	code := run(ctx, []string{"run", "--json", "best-practices"}, strings.NewReader(""), out, &errb)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr %q", code, exitInterrupted, errb.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
