package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Progress is what a student has done, kept between sessions: quiz answers
// and scores per scenario.
type Progress struct {
	Version   int                          `json:"version"`
	Scenarios map[string]*ScenarioProgress `json:"scenarios"`
}

// ScenarioProgress is one scenario's record.
type ScenarioProgress struct {
	Answers  map[string]QuizAnswer `json:"answers"`
	Score    int                   `json:"score"`
	Max      int                   `json:"max"`
	Finished bool                  `json:"finished"`
}

// QuizAnswer is the answer given to one question.
type QuizAnswer struct {
	Choice  string `json:"choice"`
	Correct bool   `json:"correct"`
	Hints   int    `json:"hints"`
	Points  int    `json:"points"`
}

// Store keeps Progress in a file under the user's state directory.
type Store struct {
	Path string
}

// DefaultStore is $XDG_STATE_HOME/ec2sim/progress.json, falling back to
// ~/.local/state as the XDG base directory spec says.
func DefaultStore() (Store, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return Store{}, fmt.Errorf("no state directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return Store{Path: filepath.Join(dir, "ec2sim", "progress.json")}, nil
}

// Load reads the progress file. A missing file is an empty record. A
// corrupt or truncated one is moved aside (progress.json.corrupt-N) and
// reported, never silently reset.
func (s Store) Load() (*Progress, string, error) {
	empty := &Progress{Version: 1, Scenarios: map[string]*ScenarioProgress{}}
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, "", nil
	}
	if err != nil {
		return empty, "", err
	}
	var p Progress
	if err := json.Unmarshal(data, &p); err != nil || p.Scenarios == nil {
		aside := s.Path + ".corrupt"
		for i := 1; ; i++ {
			if _, err := os.Stat(aside + "-" + strconv.Itoa(i)); errors.Is(err, fs.ErrNotExist) {
				aside += "-" + strconv.Itoa(i)
				break
			}
		}
		if rerr := os.Rename(s.Path, aside); rerr != nil {
			return empty, "", fmt.Errorf("progress file %s is corrupt and could not be moved aside: %w", s.Path, rerr)
		}
		return empty, fmt.Sprintf("progress file was corrupt; kept it as %s and started afresh", aside), nil
	}
	return &p, "", nil
}

// Save writes atomically: a temporary file in the same folder, synced,
// then renamed over the old one, so a crash leaves the old or the new file,
// never half of one.
func (s Store) Save(p *Progress) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(s.Path, append(data, '\n'))
}

// WriteFileAtomic writes data to path through a synced temporary file and a
// rename, creating the folder if needed.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
