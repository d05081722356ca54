// Package files is how every driver reads and writes the files a user
// hands it or asks for: scenario files, answer sheets, progress, exports and
// session records. It exists so that the rules below live in one place:
//
//   - A file is read only if it is a regular file: a directory, a FIFO, a
//     socket or a device is refused before it is opened (opening a FIFO
//     blocks until something writes to it; a device never ends), and at
//     most a limit plus one byte is read, so a huge file is refused without
//     being read whole.
//   - A file is written whole or not at all: a synced temporary file in the
//     same folder, then a rename (or, for a file that must not replace
//     another, a hard link that fails if the name is taken). A crash leaves
//     the old file or the new one, never half of one.
//
// The packages sim, model and scenarios do no file I/O; this one does only
// that.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OpenRegular opens a regular file for reading; anything else is refused
// with a message that says what it is.
func OpenRegular(path string) (*os.File, error) {
	st, err := Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case st.IsDir():
		return nil, fmt.Errorf("%s is a directory; give a file", path)
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file (%s); give a file ec2sim can read to its end", path, kindOf(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, plainError(path, err)
	}
	return f, nil
}

// Stat is os.Stat with its error in the user's words, as every driver
// shows it: "lab.yaml: no such file", not "stat lab.yaml: no such file or
// directory". errors.Is still finds the cause (fs.ErrNotExist …).
func Stat(path string) (fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, plainError(path, err)
	}
	return st, nil
}

// pathError is a file's problem said plainly: the path, then what is wrong,
// without the system call that found it.
type pathError struct {
	path, what string
	err        error
}

func (e *pathError) Error() string { return e.path + ": " + e.what }
func (e *pathError) Unwrap() error { return e.err }

func plainError(path string, err error) error {
	what := err.Error()
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		what = "no such file"
	case errors.As(err, &pe):
		what = pe.Err.Error() // "permission denied", "not a directory"
	}
	return &pathError{path, what, err}
}

func kindOf(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// ReadRegular reads a regular file, at most limit+1 bytes of it: a caller
// that sees more than limit bytes knows the file is too big without having
// read it all.
func ReadRegular(path string, limit int) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, int64(limit)+1))
}

// tempCopy writes data to a synced temporary file in dir and returns its
// name; the caller renames or links it into place and removes it.
func tempCopy(dir, base string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// WriteAtomic replaces path with data, creating the folder if needed.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := tempCopy(dir, filepath.Base(path), data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// WriteNew writes data to path, or, when path exists, to the first free
// name-2.ext, name-3.ext…: it never replaces a file. It returns the path
// written.
func WriteNew(path string, data []byte) (string, error) {
	tmp, err := tempCopy(filepath.Dir(path), filepath.Base(path), data)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for i := 1; i <= 1000; i++ {
		name := path
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		err := os.Link(tmp, name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s and 999 numbered copies already exist", path)
}
