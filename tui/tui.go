// Package tui is the terminal user interface: a scenario picker and a
// player that steps a scenario through simulated time, shows instances,
// storage, costs and the event log, asks the quizzes, and lets the student
// act in a sandbox. It is the only package that uses Bubble Tea; all EC2
// behaviour comes from the model through a scenarios.Session.
package tui

import (
	"charm.land/bubbles/v2/key"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// Options configure a UI session.
type Options struct {
	Scenario  *scenarios.Scenario // play this one directly; nil opens the picker
	Source    []byte              // its YAML, for exports
	Library   []*scenarios.Scenario
	Sources   func(*scenarios.Scenario) []byte
	Store     *Store // where progress is kept; nil keeps nothing
	ExportDir string
	// Monochrome renders narration without colour (tests, NO_COLOR).
	Monochrome bool
	Input      io.Reader
	Output     io.Writer
}

// root routes messages to the picker or the player.
type root struct {
	c      *Common
	opts   Options
	picker *picker
	player *player
	err    error
}

// New builds the UI model (tests drive it directly).
func New(opts Options) (tea.Model, error) {
	c := &Common{Styles: newStyles(), Keys: newKeys(), Store: opts.Store, ExportDir: opts.ExportDir, NoColor: opts.Monochrome || os.Getenv("NO_COLOR") != "", Width: 80, Height: 24}
	c.Progress = &Progress{Version: 1, Scenarios: map[string]*ScenarioProgress{}}
	r := &root{c: c, opts: opts}
	if opts.Store != nil {
		p, note, err := opts.Store.Load()
		if err != nil {
			// A progress path that cannot hold a file: play, but say that
			// nothing will be kept rather than refuse to start.
			c.Store, note = nil, "progress will not be saved: "+err.Error()
		}
		c.Progress = p
		defer func() {
			switch {
			case note == "":
			case r.player != nil:
				r.player.SetStatus(note)
			case r.picker != nil:
				r.picker.list.NewStatusMessage(note)
			}
		}()
	}
	if opts.Scenario != nil {
		if err := r.play(opts.Scenario, opts.Source); err != nil {
			return nil, err
		}
	} else {
		r.picker = newPicker(c, opts.Library)
	}
	return r, nil
}

func (r *root) play(sc *scenarios.Scenario, src []byte) error {
	sess, err := scenarios.NewSession(sc, src, nil)
	if err != nil {
		return err
	}
	r.player = newPlayer(r.c, sess)
	return nil
}

func (r *root) Init() tea.Cmd { return nil }

func (r *root) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.c.Width, r.c.Height = max(0, msg.Width), max(0, msg.Height)
		if r.picker != nil {
			r.picker.setSize(r.c.Width, r.c.Height)
		}
		return r, nil
	case chosen:
		var src []byte
		if r.opts.Sources != nil {
			src = r.opts.Sources(msg.sc)
		}
		if err := r.play(msg.sc, src); err != nil {
			r.err = err
			return r, tea.Quit
		}
		return r, nil
	case tea.KeyPressMsg:
		k := r.c.Keys
		if r.player != nil && !r.player.Modal() {
			switch {
			case key.Matches(msg, k.Quit):
				return r, r.quit()
			case key.Matches(msg, k.Menu) && len(r.opts.Library) > 0:
				r.player = nil
				r.picker = newPicker(r.c, r.opts.Library)
				r.picker.setSize(r.c.Width, r.c.Height)
				return r, nil
			}
		}
		if key.Matches(msg, k.ForceQuit) {
			return r, r.quit()
		}
	}
	if r.player != nil {
		return r, r.player.Update(msg)
	}
	return r, r.picker.Update(msg)
}

// quit ends the program; a save that failed makes it end in an error, so
// the shell sees that answers were lost.
func (r *root) quit() tea.Cmd {
	if r.c.SaveErr != nil && r.err == nil {
		r.err = fmt.Errorf("your progress was not saved: %w", r.c.SaveErr)
	}
	return tea.Quit
}

func (r *root) View() tea.View {
	var s string
	if r.player != nil {
		s = r.player.View()
	} else {
		s = r.picker.View()
	}
	v := tea.NewView(s)
	v.AltScreen = true
	v.WindowTitle = "ec2sim"
	return v
}

// Run starts the UI on a terminal.
func Run(opts Options) error {
	m, err := New(opts)
	if err != nil {
		return err
	}
	var popts []tea.ProgramOption
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if err != nil {
		return err
	}
	if r, ok := final.(*root); ok && r.err != nil {
		return fmt.Errorf("%w", r.err)
	}
	return nil
}
