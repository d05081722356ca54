package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// Common is what every part of the UI shares: the size, the styles and the
// keys. There is no package-level mutable state.
type Common struct {
	Width, Height int
	Styles        Styles
	Keys          keyMap
	Store         *Store    // nil: progress is not saved
	Progress      *Progress // loaded at start
	ExportDir     string    // where session exports go
	NoColor       bool
	// SaveErr is the last failed save of Progress, nil once a save works:
	// quitting with it set ends the program in an error.
	SaveErr error
}

// speeds are simulated time per real second.
var speeds = []struct {
	label string
	per   sim.Time
}{
	{"real time", sim.Second}, {"10×", 10 * sim.Second}, {"1 min/s", sim.Minute}, {"10 min/s", 10 * sim.Minute},
	{"1 h/s", sim.Hour}, {"6 h/s", 6 * sim.Hour}, {"1 day/s", sim.Day},
}

const tickEvery = 100 * time.Millisecond

type tickMsg struct{ gen int }

var (
	panels      = []string{"Lifecycle", "Storage", "Cost", "Log", "Story"}
	shortPanels = []string{"Life", "Disk", "Cost", "Log", "Story"}
)

const (
	panelLifecycle = iota
	panelStorage
	panelCost
	panelLog
	panelStory
)

// player steps a scenario through simulated time and shows it.
type player struct {
	c        *Common
	sess     *scenarios.Session
	playing  bool
	gen      int // tick generation: a new play invalidates older ticks
	speed    int
	panel    int
	selected string // instance ID
	help     help.Model
	showHelp bool
	status   string

	quiz    *quizState
	palette *textinput.Model
	done    bool // the end-of-scenario summary was shown

	narration  string
	mdCache    map[string]string
	lastRecord int

	// What is derived from the world is computed once per state: the
	// instance tree and the bill, for every frame until something happens.
	cacheKey  [2]int64
	cacheRows []row
	cacheBill *model.Summary
	cacheRate model.Money
	cacheRun  *scenarios.Run
}

// rows is the instance tree for the current state.
func (p *player) rows() []row {
	p.dropStaleCache()
	if p.cacheRows == nil {
		p.cacheRows = instanceRows(p.run().World.InstanceRefs())
	}
	return p.cacheRows
}

// bill is the bill's totals for the current state.
func (p *player) bill() model.Summary {
	p.dropStaleCache()
	if p.cacheBill == nil {
		b := p.run().World.BillSummary()
		p.cacheBill = &b
		p.cacheRate = p.run().World.RunRate()
	}
	return *p.cacheBill
}

// dropStaleCache drops derived values when the session moved on.
func (p *player) dropStaleCache() {
	key := [2]int64{int64(p.sess.Fired()), int64(p.sess.Now())}
	if key != p.cacheKey || p.sess.Run() != p.cacheRun {
		p.cacheKey, p.cacheRun = key, p.sess.Run()
		p.cacheRows, p.cacheBill = nil, nil
	}
}

func newPlayer(c *Common, sess *scenarios.Session) *player {
	p := &player{c: c, sess: sess, speed: 2, help: help.New(), mdCache: map[string]string{}}
	p.refresh()
	return p
}

func (p *player) run() *scenarios.Run { return p.sess.Run() }

// Modal reports whether a layer (a quiz or the sandbox prompt) has the
// keyboard, so the root leaves its keys to the player.
func (p *player) Modal() bool { return p.quiz != nil || p.palette != nil }

// SetStatus shows a one-line note under the player.
func (p *player) SetStatus(note string) { p.status = note }

func (p *player) tick() tea.Cmd {
	gen := p.gen
	return tea.Tick(tickEvery, func(time.Time) tea.Msg { return tickMsg{gen} })
}

// refresh keeps the selection valid and picks up new narration.
func (p *player) refresh() {
	rows := p.rows()
	found := false
	for _, r := range rows {
		if r.id != "" && r.id == p.selected {
			found = true
		}
	}
	if !found {
		p.selected = ""
		for _, r := range rows {
			if r.id != "" {
				p.selected = r.id
				break
			}
		}
	}
	recs := p.run().Records
	if p.lastRecord > len(recs) {
		p.lastRecord = 0
		p.narration = ""
	}
	for i := p.lastRecord; i < len(recs); i++ {
		if recs[i].Kind == scenarios.RecordNarration {
			p.narration = recs[i].Message
			if p.playing {
				p.panel = panelStory
			}
		}
	}
	p.lastRecord = len(recs)
	if p.run().Ended() && !p.done {
		p.done = true
		p.playing = false
		p.status = p.summary()
	}
}

func (p *player) summary() string {
	pass, total := 0, len(p.run().Checks)
	for _, c := range p.run().Checks {
		if c.Pass {
			pass++
		}
	}
	sc := p.sess.Scenario()
	score, max := p.score()
	return fmt.Sprintf("End of %s: %d/%d checks pass, quiz %d/%d. Keep acting in the sandbox (:), export (x), or esc for scenarios.", sc.Name, pass, total, score, max)
}

func (p *player) score() (int, int) {
	sc := p.sess.Scenario()
	sp := p.c.Progress.Scenarios[sc.Name]
	max := sc.QuizPoints()
	if sp == nil {
		return 0, max
	}
	s := 0
	for _, a := range sp.Answers {
		s += a.Points
	}
	return s, max
}

func (p *player) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tickMsg:
		if !p.playing || msg.gen != p.gen || p.quiz != nil {
			return nil
		}
		stop, err := p.sess.AdvanceTo(p.sess.Now() + speeds[p.speed].per/10)
		if err != nil {
			p.status = err.Error()
		}
		if stop.Quiz != nil {
			p.playing = false
			p.openQuiz(*stop.Quiz)
		}
		p.refresh()
		if p.playing {
			return p.tick()
		}
		return nil
	case tea.KeyPressMsg:
		if p.quiz != nil {
			return p.updateQuiz(msg)
		}
		if p.palette != nil {
			return p.updatePalette(msg)
		}
		return p.updateKeys(msg)
	}
	if p.palette != nil {
		ti, cmd := p.palette.Update(msg)
		p.palette = &ti
		return cmd
	}
	return nil
}

func (p *player) updateKeys(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	p.status = ""
	switch {
	case key.Matches(msg, k.Play):
		p.playing = !p.playing
		if p.playing {
			p.gen++
			return p.tick()
		}
	case key.Matches(msg, k.Step):
		p.playing = false
		if !p.sess.Step() {
			p.status = "nothing left to happen: act in the sandbox (:) or go back (←)"
		}
		p.afterJump()
	case key.Matches(msg, k.Back):
		p.playing = false
		if err := p.sess.Back(); err != nil {
			p.status = err.Error()
		}
		p.afterJump()
	case key.Matches(msg, k.Next):
		p.playing = false
		if !p.sess.Until(scenarios.RecordNarration, scenarios.RecordQuiz, scenarios.RecordCheck) {
			p.status = "no more narration, questions or checks"
		}
		p.afterJump()
	case key.Matches(msg, k.Start):
		p.playing = false
		p.sess.Restart()
		p.done = false
		p.afterJump()
	case key.Matches(msg, k.End):
		p.playing = false
		p.sess.ToEnd()
		p.afterJump()
	case key.Matches(msg, k.Faster):
		p.speed = min(p.speed+1, len(speeds)-1)
	case key.Matches(msg, k.Slower):
		p.speed = max(p.speed-1, 0)
	case key.Matches(msg, k.Up):
		p.moveSelection(-1)
	case key.Matches(msg, k.Down):
		p.moveSelection(1)
	case key.Matches(msg, k.Panel):
		p.panel = (p.panel + 1) % len(panels)
	case key.Matches(msg, k.PanelBack):
		p.panel = (p.panel + len(panels) - 1) % len(panels)
	case key.Matches(msg, k.PanelN[:]...):
		for i := range k.PanelN {
			if key.Matches(msg, k.PanelN[i]) {
				p.panel = i
			}
		}
	case key.Matches(msg, k.Act):
		return p.openPalette()
	case key.Matches(msg, k.Export):
		p.export()
	case key.Matches(msg, k.Help):
		p.showHelp = !p.showHelp
	}
	return nil
}

// afterJump shows a quiz reached by stepping, and refreshes the view.
func (p *player) afterJump() {
	p.refresh()
	recs := p.run().Records
	if n := len(recs); n > 0 && recs[n-1].Kind == scenarios.RecordQuiz && recs[n-1].T == p.sess.Now() {
		for _, q := range p.run().Quizzes {
			if q.Quiz.ID == recs[n-1].Action && !p.answered(q.Quiz.ID) {
				p.openQuiz(q)
			}
		}
	}
}

func (p *player) moveSelection(d int) {
	rows := p.rows()
	var idsList []string
	for _, r := range rows {
		if r.id != "" {
			idsList = append(idsList, r.id)
		}
	}
	if len(idsList) == 0 {
		return
	}
	at := 0
	for i, id := range idsList {
		if id == p.selected {
			at = i
		}
	}
	at = max(0, min(len(idsList)-1, at+d))
	p.selected = idsList[at]
	if p.panel != panelLifecycle && p.panel != panelStorage {
		p.panel = panelLifecycle
	}
}

// export writes the session, sandbox included, as a scenario file.
func (p *player) export() {
	data, err := p.sess.Export()
	if err != nil {
		p.status = "export failed: " + err.Error()
		return
	}
	dir := p.c.ExportDir
	if dir == "" {
		dir = "."
	}
	path, err := WriteNewFile(filepath.Join(dir, p.sess.Scenario().Name+"-session.yaml"), data)
	if err != nil {
		p.status = "export failed: " + err.Error()
		return
	}
	p.status = "exported to " + path + " — replay it with: ec2sim run " + path
}

// narrationMarkdown renders narration once per width with a style chosen
// before the program starts (glamour must not query the terminal later).
func (p *player) narrationMarkdown(w int) string {
	key := fmt.Sprint(w, "|", p.narration)
	if s, ok := p.mdCache[key]; ok {
		return s
	}
	style := "dark"
	if p.c.NoColor {
		style = "notty"
	}
	out := p.narration
	if r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(max(20, w))); err == nil {
		if s, err := r.Render(p.narration); err == nil {
			out = strings.Trim(s, "\n")
		}
	}
	p.mdCache[key] = out
	return out
}

func (p *player) View() string {
	c := p.c
	st := c.Styles
	w, h := c.Width, c.Height
	if w < minWidth || h < minHeight {
		return tooSmall(w, h)
	}
	header := p.header(w)
	footer := p.footer(w)
	bodyH := h - 1 - 2
	var body []string
	switch {
	case p.quiz != nil:
		body = boxLines(st.PanelFocus, w, bodyH, st.Title.Render("Quiz"), p.quizView(w-4))
	case p.showHelp:
		hm := p.help
		hm.ShowAll = true
		hm.SetWidth(w - 4)
		body = boxLines(st.PanelFocus, w, bodyH, st.Title.Render("Keys"), hm.View(c.Keys)+"\n\n"+paletteHelp())
	default:
		leftW := max(24, min(40, w/3))
		rightW := w - leftW
		left := boxLines(st.Panel, leftW, bodyH, st.Title.Render("Instances"),
			renderInstances(st, p.run().World, p.sess.Now(), p.rows(), p.selected, bodyH-3))
		right := boxLines(st.PanelFocus, rightW, bodyH, p.tabs(rightW-4), p.panelView(rightW-4, bodyH-3))
		body = beside(left, right)
	}
	return header + "\n" + strings.Join(body, "\n") + "\n" + footer
}

func (p *player) header(w int) string {
	st := p.c.Styles
	sc := p.sess.Scenario()
	now := p.sess.Now()
	state := "⏸ paused"
	if p.playing {
		state = "▶ " + speeds[p.speed].label
	} else {
		state += " · " + speeds[p.speed].label
	}
	cal := p.run().World.Clock().At(now).Format("Mon 02 Jan 15:04:05")
	right := fmt.Sprintf("%s · %s · T+%s · %s", state, cal, short(now), st.Money.Render(dollars(p.bill().Total)))
	title := st.Title.Render("ec2sim") + " " + sc.Title
	gap := w - lipgloss.Width(right) - 1
	return fit(fit(title, max(1, gap), 1)+" "+right, w, 1)
}

func (p *player) tabs(w int) string {
	st := p.c.Styles
	names := panels
	if w < 56 {
		names = shortPanels
	}
	var parts []string
	for i, name := range names {
		label := fmt.Sprintf("%d %s", i+1, name)
		if i == p.panel {
			parts = append(parts, st.TabActive.Render(label))
		} else {
			parts = append(parts, st.Tab.Render(label))
		}
	}
	return strings.Join(parts, "  ")
}

func (p *player) panelView(w, h int) string {
	st := p.c.Styles
	switch p.panel {
	case panelLifecycle:
		return wrap(renderLifecycle(st, p.run(), p.selected), w)
	case panelStorage:
		return renderStorage(st, p.run().World, w)
	case panelCost:
		b := p.bill()
		return renderCost(st, p.run(), costView{b.Total, b.ByCategory, p.cacheRate}, w, h)
	case panelLog:
		return renderLog(st, p.run(), h)
	default:
		if p.narration == "" {
			return wrap(st.Dim.Render(strings.Join(strings.Fields(p.sess.Scenario().Summary), " ")), w)
		}
		return p.narrationMarkdown(w)
	}
}

func (p *player) footer(w int) string {
	st := p.c.Styles
	if p.palette != nil {
		return fit(p.palette.View(), w, 1) + "\n" + fit(st.Dim.Render("enter run · tab complete · esc cancel"), w, 1)
	}
	status := p.status
	switch {
	case status != "":
	case p.run().Ended():
		status = p.summary()
	default:
		status = fmt.Sprintf("%d events · %s", p.sess.Fired(), p.sess.Scenario().Name)
	}
	hm := p.help
	hm.SetWidth(w)
	keys := hm.View(p.c.Keys)
	if p.quiz != nil {
		keys = hm.ShortHelpView([]key.Binding{p.c.Keys.Answer, p.c.Keys.Hint, p.c.Keys.Continue, p.c.Keys.Quit})
	}
	return fit(st.Status.Render(status), w, 1) + "\n" + fit(keys, w, 1)
}

// save writes progress, reporting (not hiding) a failure.
func (p *player) save() {
	if p.c.Store == nil {
		return
	}
	p.c.SaveErr = p.c.Store.Save(p.c.Progress)
	if p.c.SaveErr != nil {
		p.status = "could not save progress: " + p.c.SaveErr.Error() + " (quitting now reports the loss)"
	}
}
