package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An export never overwrites an earlier one: the second gets a new name.
func TestWriteNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	first, err := WriteNew(filepath.Join(dir, "lab-session.yaml"), []byte("one"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := WriteNew(filepath.Join(dir, "lab-session.yaml"), []byte("two"))
	if err != nil {
		t.Fatal(err)
	}
	if first == second || filepath.Base(second) != "lab-session-2.yaml" {
		t.Fatalf("paths %s, %s", first, second)
	}
	if data, _ := os.ReadFile(first); string(data) != "one" {
		t.Errorf("the first export was overwritten: %q", data)
	}
}

// WriteAtomic replaces the file whole and leaves no temporary behind.
func TestWriteAtomicReplacesWholeAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "progress.json")
	for _, body := range []string{"first", "second, longer"} {
		if err := WriteAtomic(p, []byte(body)); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(p); string(data) != body {
			t.Fatalf("read %q, want %q", data, body)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A FIFO would block the reader for ever, a directory is not a file, and a
// huge file is read only up to its limit.
func TestReadRegularRefusesWhatIsNotAFileAndStopsAtTheLimit(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadRegular(dir, 10); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		if _, err := ReadRegular(fifo, 10); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	}
	big := filepath.Join(dir, "big")
	os.WriteFile(big, []byte(strings.Repeat("x", 100)), 0o644)
	if data, err := ReadRegular(big, 10); err != nil || len(data) != 11 {
		t.Errorf("read %d bytes (%v), want limit+1 = 11", len(data), err)
	}
}

// A missing file is said in the user's words, and is still fs.ErrNotExist
// to a caller that falls back on something else (a built-in scenario).
func TestAMissingFileIsSaidPlainly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gone.yaml")
	for _, err := range []error{errOf(Stat(p)), errOf(ReadRegular(p, 10))} {
		if err == nil || err.Error() != p+": no such file" || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }
