package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/ec2sim/ec2sim/scenarios/files"
	"io"
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

// MaxProgressSize bounds the progress file. A real one is a few kilobytes
// (a score and a letter per question); one past this size is not ours, and
// reading it on every answer would freeze the UI.
const MaxProgressSize = 1 << 20

// Load reads the progress file. A missing file is an empty record. A
// corrupt, truncated or oversized one is moved aside
// (progress.json.corrupt-N) and reported, never silently reset. A path that
// cannot hold a file at all (a directory) is an error: the caller plays
// without saving and says so.
func (s Store) Load() (*Progress, string, error) {
	empty := newProgress()
	path, err := s.target()
	if err != nil {
		return empty, "", err
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return empty, "", nil
	}
	if err != nil {
		return empty, "", err
	}
	if !st.Mode().IsRegular() {
		return empty, "", fmt.Errorf("progress file %s is not a regular file", path)
	}
	p, why := readProgress(path)
	if why == "" {
		return p, "", nil
	}
	aside, err := moveAside(path)
	if err != nil {
		return empty, "", fmt.Errorf("progress file %s is %s and could not be moved aside: %w", path, why, err)
	}
	return empty, fmt.Sprintf("progress file was %s; kept it as %s and started afresh", why, aside), nil
}

func newProgress() *Progress {
	return &Progress{Version: 1, Scenarios: map[string]*ScenarioProgress{}}
}

// readProgress reads and normalises a progress file; why is non-empty when
// it is unusable.
func readProgress(path string) (p *Progress, why string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "unreadable"
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxProgressSize+1))
	switch {
	case err != nil:
		return nil, "unreadable"
	case len(data) > MaxProgressSize:
		return nil, fmt.Sprintf("larger than %d bytes", MaxProgressSize)
	}
	p = new(Progress)
	if err := json.Unmarshal(data, p); err != nil || p.Scenarios == nil {
		return nil, "corrupt"
	}
	// Entries written by hand or by an older version may lack parts.
	for name, sp := range p.Scenarios {
		if sp == nil {
			delete(p.Scenarios, name)
			continue
		}
		if sp.Answers == nil {
			sp.Answers = map[string]QuizAnswer{}
		}
	}
	return p, ""
}

func moveAside(path string) (string, error) {
	aside := path + ".corrupt"
	for i := 1; ; i++ {
		if _, err := os.Lstat(aside + "-" + strconv.Itoa(i)); errors.Is(err, fs.ErrNotExist) {
			aside += "-" + strconv.Itoa(i)
			break
		}
	}
	return aside, os.Rename(path, aside)
}

// target is the file the store really writes: a symlinked progress.json is
// followed, so the link stays a link and its target gets the update.
func (s Store) target() (string, error) {
	if _, err := os.Lstat(s.Path); err != nil {
		return s.Path, nil // not there yet: it will be created
	}
	t, err := filepath.EvalSymlinks(s.Path)
	if err != nil {
		return "", fmt.Errorf("progress file %s is a broken link: %w", s.Path, err)
	}
	return t, nil
}

// Save merges p into what is on disk now and writes the result atomically:
// a temporary file in the same folder, synced, then renamed over the old
// one, so a crash leaves the old or the new file, never half of one. Two
// UIs open at once lose nothing: answers saved by the other since this one
// loaded are kept, and p takes them in too.
func (s Store) Save(p *Progress) error {
	path, err := s.target()
	if err != nil {
		return err
	}
	if disk, why := readProgress(path); why == "" {
		p.merge(disk)
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	if len(data) > MaxProgressSize {
		return fmt.Errorf("progress would exceed %d bytes", MaxProgressSize)
	}
	return files.WriteAtomic(path, append(data, '\n'))
}

// merge takes into p what disk has and p lacks: another session's answers.
// p's own answers win, since they are the newer for this session.
func (p *Progress) merge(disk *Progress) {
	for name, dsp := range disk.Scenarios {
		sp := p.Scenarios[name]
		if sp == nil {
			p.Scenarios[name] = dsp
			continue
		}
		for id, a := range dsp.Answers {
			if _, ok := sp.Answers[id]; !ok {
				sp.Answers[id] = a
			}
		}
		sp.Finished = sp.Finished || dsp.Finished
		sp.Score = 0
		for _, a := range sp.Answers {
			sp.Score += a.Points
		}
		sp.Max = max(sp.Max, dsp.Max)
	}
}
