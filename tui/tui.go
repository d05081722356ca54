// Package tui is the terminal user interface: a scenario picker and a
// player that steps a scenario through simulated time, shows instances,
// storage, costs and the event log, asks the quizzes, and lets the student
// act in a sandbox. It is the only package that uses Bubble Tea; all EC2
// behaviour comes from the model through a scenarios.Session.
package tui

import (
	"fmt"
	"io"
	"os"
	"os/user"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

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
	// Student is the student id a submission carries; "" takes
	// $EC2SIM_STUDENT, else the user's login name.
	Student string
	// Monochrome renders without colour (tests, NO_COLOR).
	Monochrome bool
	// Light says the terminal's background is light (tests; a real
	// terminal is asked, and answers with a BackgroundColorMsg).
	Light bool
	// AutoStory lets playback continue past each narration instead of
	// pausing until it is dismissed.
	AutoStory bool
	Input     io.Reader
	Output    io.Writer
	// profile is the terminal's colour depth, found by Run.
	profile colorprofile.Profile
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
	noColor := opts.Monochrome || os.Getenv("NO_COLOR") != ""
	prof := opts.profile
	switch {
	case noColor:
		prof = colorprofile.Ascii
	case prof == 0:
		prof = colorprofile.TrueColor
	}
	c := &Common{Keys: newKeys(), Store: opts.Store, ExportDir: opts.ExportDir, NoColor: noColor, Dark: !opts.Light,
		AutoStory: opts.AutoStory, Width: 80, Height: 24, profile: prof, Student: studentID(opts.Student)}
	c.Styles = newStyles(c.Dark, prof)
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

// Init asks the terminal for its background, so colours and the story's
// style can match a light one.
func (r *root) Init() tea.Cmd { return tea.RequestBackgroundColor }

// library is what the picker offers: the built-in scenarios, and the file
// the session was opened with when it is not one of them (so esc from
// `ec2sim play FILE` can come back to it).
func (r *root) library() []*scenarios.Scenario {
	sc := r.opts.Scenario
	if sc == nil {
		return r.opts.Library
	}
	for _, b := range r.opts.Library {
		if b.File == sc.File {
			return r.opts.Library
		}
	}
	return append([]*scenarios.Scenario{sc}, r.opts.Library...)
}

func (r *root) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.c.Width, r.c.Height = max(0, msg.Width), max(0, msg.Height)
		if r.picker != nil {
			r.picker.setSize(r.c.Width, r.c.Height)
		}
		return r, nil
	case tea.BackgroundColorMsg:
		r.c.Dark = msg.IsDark()
		r.c.Styles = newStyles(r.c.Dark, r.c.profile)
		if r.player != nil {
			r.player.restyle()
		}
		return r, nil
	case chosen:
		var src []byte
		switch {
		case msg.sc == r.opts.Scenario:
			src = r.opts.Source
		case r.opts.Sources != nil:
			src = r.opts.Sources(msg.sc)
		}
		if err := r.play(msg.sc, src); err != nil {
			r.err = err
			return r, tea.Quit
		}
		return r, nil
	case leaveMsg:
		return r, r.leave(msg.quit)
	case tea.KeyPressMsg:
		k := r.c.Keys
		if key.Matches(msg, k.ForceQuit) {
			return r, r.quit()
		}
		// esc and q belong to the topmost layer (help, quiz, prompt) while
		// one is open; from the player itself they ask before losing work.
		// q quits from the player and from a quiz, as the footer says; the
		// layers that use q themselves keep it.
		if r.player != nil && !r.player.KeepsQ() && key.Matches(msg, k.Quit) {
			if r.player.AskLeave(true) {
				return r, nil
			}
			return r, r.leave(true)
		}
		if r.player != nil && !r.player.Modal() {
			switch {
			case key.Matches(msg, k.Menu) && len(r.library()) > 0:
				if r.player.AskLeave(false) {
					return r, nil
				}
				return r, r.leave(false)
			}
		}
	}
	if r.player != nil {
		return r, r.player.Update(msg)
	}
	return r, r.picker.Update(msg)
}

// leave closes the player: for the picker, or (quit) out of the program.
func (r *root) leave(quit bool) tea.Cmd {
	if quit || len(r.library()) == 0 {
		return r.quit()
	}
	r.player = nil
	r.picker = newPicker(r.c, r.library())
	r.picker.setSize(r.c.Width, r.c.Height)
	return nil
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
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "ec2sim"
	return v
}

// frameRate is the most frames a second the renderer draws.
const frameRate = 10

// Run starts the UI on a terminal.
func Run(opts Options) error {
	out := opts.Output
	if out == nil {
		out = os.Stdout
	}
	opts.profile = colorprofile.Detect(out, os.Environ())
	m, err := New(opts)
	if err != nil {
		return err
	}
	// The renderer wakes this often whether or not anything changed;
	// playback ticks ten times a second, so ten frames are enough, and
	// paused the program does next to nothing.
	popts := []tea.ProgramOption{tea.WithFPS(frameRate)}
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

// studentID is the id a submission carries: the one given, else
// $EC2SIM_STUDENT, else the login name of the user running the UI.
func studentID(given string) string {
	if given != "" {
		return given
	}
	if s := os.Getenv("EC2SIM_STUDENT"); s != "" {
		return s
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}
