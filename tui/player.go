package tui

import (
	"fmt"
	"github.com/ec2sim/ec2sim/scenarios/files"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

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
	Dark          bool // the terminal's background is dark (for glamour)
	profile       colorprofile.Profile
	// AutoStory lets playback go on past a narration instead of pausing
	// until the student dismisses it.
	AutoStory bool
	// Student names the student in a submission: $EC2SIM_STUDENT, else the
	// user's login name ("" when neither is known).
	Student string
	// SaveErr is the last failed save of Progress, nil once a save works:
	// quitting with it set ends the program in an error.
	SaveErr error
}

// speeds are simulated time per real second.
var speeds = []struct {
	label string
	per   sim.Time
}{
	{"1 s/s", sim.Second}, {"10 s/s", 10 * sim.Second}, {"1 min/s", sim.Minute}, {"10 min/s", 10 * sim.Minute},
	{"1 h/s", sim.Hour}, {"6 h/s", 6 * sim.Hour}, {"1 day/s", sim.Day},
}

// tickEvery is how often playback moves simulated time on. Nothing ticks
// while paused: a tick is only asked for while playing.
const tickEvery = 100 * time.Millisecond

type tickMsg struct{ gen int }

var (
	panels      = []string{"Lifecycle", "Storage", "Cost", "Log", "Story", "Timeline", "Tasks"}
	shortPanels = []string{"Life", "Disk", "Cost", "Log", "Story", "Time", "Task"}
)

// nPanels is how many panes there are (keys 1–7); the last, Tasks, only
// for an exercise (see panelCount).
const nPanels = 7

const (
	panelLifecycle = iota
	panelStorage
	panelCost
	panelLog
	panelStory
	panelTimeline
	panelTasks
)

// wideWidth is where a second pane (the story, or the log beside the
// story) opens to the right, as lazygit and k9s use a wide terminal.
const wideWidth = 160

// leaveMsg asks the root to leave the player: to the picker or out.
type leaveMsg struct{ quit bool }

// confirmState is a question the player must answer before leaving with
// sandbox actions not yet exported.
type confirmState struct{ quit bool }

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
	helpTop  int // first line of the help page shown
	status   string

	quiz    *quizState
	palette *textinput.Model
	// paletteErr is why the last line in the prompt did nothing; history
	// holds the lines entered, oldest first, histAt the one shown (len:
	// the draft, what was typed before ↑).
	paletteErr string
	history    []string
	histAt     int
	draft      string
	confirm    *confirmState
	offer      *hintOffer // the hint chooser of an exercise (H)
	done       bool       // the end-of-scenario summary was shown

	// skipped quizzes are not asked again by stepping or playing; n asks
	// them (it lands on them on purpose).
	skipped map[string]bool
	// exported is how many sandbox actions the last export held.
	exported int
	// answeredHere are the questions answered in this session, so that
	// Session.Answer (and so the submission) gets the first answer given.
	answeredHere map[string]bool

	// scroll is each pane's first line; follow says the pane sticks to its
	// newest line (the log and the story do, until scrolled up).
	scroll [nPanels]int
	follow [nPanels]bool

	mdCache    map[string]string
	lastRecord int

	// d is what is derived from the run's log, kept up to date from its
	// new records (see derived). The rest is worked out at most once per
	// state (what only an event changes: stateCache) or once per instant
	// (what the clock changes too: timeCache), for every frame until then.
	d          *derived
	stateAt    stateKey
	stateCache stateCache
	timeAt     sim.Time
	timeCache  timeCache

	// storyText is the Story pane at storyAt.
	storyAt   storyKey
	storyText string
	// keysLine is the footer's key line at width keysFor outside a quiz.
	keysFor  int
	keysLine string
	// tabsLine is the tab row for tabsFor: width, open pane, pane count.
	tabsFor  [3]int
	tabsLine string
	// lifeText is the Lifecycle pane for lifeAt: the pane shows no time,
	// so events that leave the selected instance alone leave it as it is.
	lifeAt   lifeKey
	lifeText string
}

// lifeKey is everything the Lifecycle pane shows: the selected instance's
// state, root, name and newest transition, at a width.
type lifeKey struct {
	run            *scenarios.Run
	id, name, root string
	state          model.InstanceState
	last           scenarios.Record
	w              int
}

// stateKey names a state of the session: a run (a jump back replays into
// a new one), how many steps it took and how many records it logged. Time
// passing without an event changes no state: only the clock, the open
// meters' charges and the uptimes move.
type stateKey struct {
	run     *scenarios.Run
	fired   int
	records int
}

// storyKey names the Story pane's text: within a run the narrations only
// grow, so their count says which they are.
type storyKey struct {
	run        *scenarios.Run
	width, has int
}

// stateCache is what only an event changes.
type stateCache struct {
	labels  map[string]string      // every instance's label, all at once (labels)
	rate    *model.Money           // the bill's rate per hour now
	ahead   *model.MonthAhead      // a month of what meters now, list and after the free tier
	waste   []model.Finding        // the bill's findings, once wasteOK
	wasteOK bool                   // waste is worked out
	monthly map[string]model.Money // resource → its open meters per month
	pane    map[[2]int]string      // the Log's and the Storage pane's text, by width
}

// timeCache is what the clock changes as well.
type timeCache struct {
	bill *model.Summary
	top  *topResources
	pane map[[2]int]string // the other panes' text (Cost, Tasks), by width
}

// sync brings what is derived up to the session's state and instant.
func (p *player) sync() {
	run := p.sess.Run()
	if p.d == nil || p.d.run != run || run.Records.Len() < p.d.seen {
		p.d = newDerived(run)
		// The panes kept from the run before a jump back name it in their
		// keys: forget them, so that run and its world can go now rather
		// than when each pane is next drawn.
		p.lifeAt, p.lifeText, p.storyAt, p.storyText = lifeKey{}, "", storyKey{}, ""
	} else {
		p.d.update()
	}
	if k := (stateKey{run, p.sess.Fired(), run.Records.Len()}); k != p.stateAt {
		p.stateAt, p.stateCache, p.timeCache = k, stateCache{}, timeCache{}
	}
	if now := p.sess.Now(); now != p.timeAt {
		p.timeAt, p.timeCache = now, timeCache{}
	}
}

// derived is what is derived from the log, up to date.
func (p *player) derived() *derived {
	p.sync()
	return p.d
}

// rows is the instance tree for the current state.
func (p *player) rows() []row { return p.derived().tree.layout() }

// label is one instance's label on screen.
func (p *player) label(id string) string { return p.derived().tree.label(id) }

// labels tell every instance on screen apart.
func (p *player) labels() map[string]string {
	d := p.derived()
	if p.stateCache.labels == nil {
		p.stateCache.labels = make(map[string]string, len(d.tree.member))
		for id := range d.tree.member {
			p.stateCache.labels[id] = d.tree.label(id)
		}
	}
	return p.stateCache.labels
}

// bill is the bill's totals for the current instant.
func (p *player) bill() model.Summary {
	p.sync()
	if p.timeCache.bill == nil {
		b := p.run().World.BillSummary()
		p.timeCache.bill = &b
	}
	return *p.timeCache.bill
}

// runRate is what the resources alive now cost per hour.
func (p *player) runRate() model.Money {
	p.sync()
	if p.stateCache.rate == nil {
		r := p.run().World.RunRate()
		p.stateCache.rate = &r
	}
	return *p.stateCache.rate
}

// monthAhead is what a month of the resources alive now would cost, at
// list price and after the free tier.
func (p *player) monthAhead() model.MonthAhead {
	p.sync()
	if p.stateCache.ahead == nil {
		a := p.run().World.MonthAhead()
		p.stateCache.ahead = &a
	}
	return *p.stateCache.ahead
}

// topCosts are the most expensive resources so far, for the Cost pane.
func (p *player) topCosts() topResources {
	p.sync()
	if p.timeCache.top == nil {
		t := costRows(p.run().World.TopCosts(maxResourceLines))
		p.timeCache.top = &t
	}
	return *p.timeCache.top
}

// waste is the bill's findings: what is billed for nothing.
func (p *player) waste() []model.Finding {
	p.sync()
	if !p.stateCache.wasteOK {
		p.stateCache.waste, p.stateCache.wasteOK = p.run().World.Waste(), true
	}
	return p.stateCache.waste
}

// monthlyRate is what a resource's open meters cost per month now.
func (p *player) monthlyRate(id string) model.Money {
	p.sync()
	m, ok := p.stateCache.monthly[id]
	if !ok {
		if p.stateCache.monthly == nil {
			p.stateCache.monthly = map[string]model.Money{}
		}
		m = p.run().World.MonthlyRate(id)
		p.stateCache.monthly[id] = m
	}
	return m
}

func newPlayer(c *Common, sess *scenarios.Session) *player {
	// The story pane first: at time 0 it says what the scenario is about
	// and how to start, where the lifecycle pane would ask to select an
	// instance that does not exist yet.
	p := &player{c: c, sess: sess, speed: 2, panel: panelStory, help: help.New(), mdCache: map[string]string{}, skipped: map[string]bool{}, answeredHere: map[string]bool{}}
	p.follow[panelLog], p.follow[panelStory] = true, true
	p.help.Styles = c.Styles.Help
	p.refresh()
	if len(p.narrations()) == 0 {
		p.status = "Press space to play, → to step one event, ? for help."
	}
	if p.hasTasks() {
		p.status = "An exercise: 7 shows your tasks, : acts, H offers a hint with its cost, x writes your submission."
	}
	return p
}

func (p *player) run() *scenarios.Run { return p.sess.Run() }

// restyle takes new styles (the terminal reported its background).
func (p *player) restyle() {
	p.help.Styles = p.c.Styles.Help
	clear(p.mdCache)
	p.stateCache.pane, p.timeCache.pane, p.keysLine, p.tabsLine, p.storyText, p.lifeText = nil, nil, "", "", "", "" // drawn in the old styles
}

// Modal reports whether a layer (a quiz, the sandbox prompt, the help page
// or a question) has the keyboard, so the root leaves its keys to the
// player: esc then closes that layer, never the session.
func (p *player) Modal() bool {
	return p.quiz != nil || p.palette != nil || p.showHelp || p.confirm != nil || p.offer != nil
}

// KeepsQ reports whether the topmost layer has its own use for q: a letter
// in the sandbox prompt, "no" in a confirmation, "close" on the help page.
// Elsewhere (the player, a quiz) q quits, as the footer says.
func (p *player) KeepsQ() bool {
	return p.palette != nil || p.confirm != nil || p.showHelp || p.offer != nil
}

// Unexported is how many sandbox actions the last export did not hold.
func (p *player) Unexported() int { return len(p.sess.Scenario().Sandbox) - p.exported }

// SetStatus shows a one-line note under the player.
func (p *player) SetStatus(note string) { p.status = note }

// AskLeave asks before leaving the player (quit: the program; else the
// picker) when sandbox work is not exported, and reports whether it asked;
// the root gets a leaveMsg once the student said so.
func (p *player) AskLeave(quit bool) bool {
	if p.Unexported() == 0 {
		return false
	}
	p.playing = false
	p.confirm = &confirmState{quit: quit}
	return true
}

func (p *player) tick() tea.Cmd {
	gen := p.gen
	return tea.Tick(tickEvery, func(time.Time) tea.Msg { return tickMsg{gen} })
}

// narrations are the story so far, oldest first.
func (p *player) narrations() []scenarios.Record { return p.derived().narrations() }

// refresh keeps the selection valid and notices the end.
func (p *player) refresh() {
	if t := &p.derived().tree; !t.has(p.selected) {
		p.selected = t.first()
	}
	recs := p.run().Records
	if p.lastRecord > recs.Len() {
		p.lastRecord = recs.Len() // went back: what is replayed is not news
	}
	if note := p.taskNotes(recs.From(p.lastRecord)); note != "" && p.status != "" {
		p.status += " · " + note
	} else if note != "" {
		p.status = note
	}
	p.lastRecord = recs.Len()
	if p.run().Ended() && !p.done {
		p.done = true
		p.playing = false
		p.status = p.summary()
		if sp := p.c.Progress.Scenarios[p.sess.Scenario().Name]; sp != nil && !sp.Finished {
			sp.Finished = true
			p.save()
		} else if sp == nil {
			p.c.Progress.Scenarios[p.sess.Scenario().Name] = &ScenarioProgress{Answers: map[string]QuizAnswer{}, Finished: true, Max: p.sess.Scenario().QuizPoints()}
			p.save()
		}
	}
}

// showStory puts the newest narration on screen: the Story pane follows its
// end, and (unless the story has a pane of its own beside) it is opened.
func (p *player) showStory() {
	p.follow[panelStory] = true
	if !p.wide() {
		p.panel = panelStory
	}
}

func (p *player) wide() bool { return p.c.Width >= wideWidth }

func (p *player) summary() string {
	pass, total := 0, len(p.run().Checks)
	for _, c := range p.run().Checks {
		if c.Pass {
			pass++
		}
	}
	sc := p.sess.Scenario()
	score, max := p.score()
	if p.hasTasks() {
		return fmt.Sprintf("End of %s: %s, quiz %d/%d points. Now: : act · x submit · esc next scenario", sc.Name, p.taskScore(), score, max)
	}
	return fmt.Sprintf("End of %s: %d/%d checks pass, quiz %d/%d points. Now: : act · x export · esc next scenario", sc.Name, pass, total, score, max)
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
		if !p.playing || msg.gen != p.gen || p.quiz != nil || p.tooSmall() {
			if p.tooSmall() {
				p.playing = false // nothing happens unseen
			}
			return nil
		}
		p.advance(p.sess.Now() + speeds[p.speed].per/10)
		if p.playing {
			return p.tick()
		}
		return nil
	case tea.MouseMsg:
		return p.mouse(msg)
	case tea.KeyPressMsg:
		switch {
		case p.confirm != nil:
			return p.updateConfirm(msg)
		case p.quiz != nil:
			return p.updateQuiz(msg)
		case p.palette != nil:
			return p.updatePalette(msg)
		case p.showHelp:
			return p.updateHelp(msg)
		case p.offer != nil:
			return p.updateHints(msg)
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

// advance plays time on to t, stopping at a quiz (asked unless skipped) and,
// unless the story continues by itself, at each narration, so that it can
// be read at its own instant.
func (p *player) advance(t sim.Time) {
	var stopAt []scenarios.RecordKind
	if !p.c.AutoStory {
		stopAt = append(stopAt, scenarios.RecordNarration)
	}
	for {
		stop, err := p.sess.AdvanceUntil(t, stopAt...)
		if err != nil {
			p.status = err.Error()
			p.playing = false
		}
		switch {
		case stop.Quiz != nil && p.skipped[stop.Quiz.Quiz.ID]:
			continue // skipped: time goes on past it
		case stop.Quiz != nil:
			p.playing = false
			p.openQuiz(*stop.Quiz, true)
		case stop.Record != nil:
			p.playing = false
			p.showStory()
			p.status = "Story at " + clock(stop.Record.T) + " — read it, then space to play on (c: continue by itself)"
		}
		break
	}
	p.refresh()
}

func (p *player) tooSmall() bool { return p.c.Width < minWidth || p.c.Height < minHeight }

func (p *player) updateConfirm(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	quit := p.confirm.quit
	switch {
	case key.Matches(msg, k.Yes):
		p.confirm = nil
		return func() tea.Msg { return leaveMsg{quit} }
	case key.Matches(msg, k.Export):
		p.confirm = nil
		if p.export() {
			return func() tea.Msg { return leaveMsg{quit} }
		}
	case key.Matches(msg, k.Cancel), key.Matches(msg, k.Quit), msg.String() == "n":
		p.confirm = nil
		p.status = "Staying."
	}
	return nil
}

func (p *player) updateHelp(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	switch {
	case key.Matches(msg, k.Cancel), key.Matches(msg, k.Help), key.Matches(msg, k.Quit):
		p.showHelp = false
	case key.Matches(msg, k.Up):
		p.helpTop = max(0, p.helpTop-1)
	case key.Matches(msg, k.Down):
		p.helpTop++
	case key.Matches(msg, k.ScrollUp):
		p.helpTop = max(0, p.helpTop-10)
	case key.Matches(msg, k.ScrollDown):
		p.helpTop += 10
	}
	return nil
}

func (p *player) updateKeys(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	p.status = ""
	switch {
	case key.Matches(msg, k.Play):
		if !p.playing && p.run().Ended() && len(p.sess.Scenario().Sandbox) == 0 {
			p.status = "The scenario has ended: act in the sandbox (:) to go on, g to start again, esc for another."
			return nil
		}
		p.playing = !p.playing
		if p.playing {
			p.gen++
			return p.tick()
		}
	case key.Matches(msg, k.Step):
		p.playing = false
		if !p.sess.Step() {
			p.status = "Nothing left to happen: act in the sandbox (:) or go back (←)."
		}
		p.afterJump(false)
	case key.Matches(msg, k.Back):
		p.playing = false
		if err := p.sess.Back(); err != nil {
			p.status = err.Error()
		}
		p.afterJump(false)
	case key.Matches(msg, k.Next):
		p.playing = false
		stories := len(p.narrations())
		if !p.sess.Until(scenarios.RecordNarration, scenarios.RecordQuiz, scenarios.RecordCheck) {
			p.status = "No more story, questions or checks."
		}
		if len(p.narrations()) > stories {
			p.showStory()
		}
		p.afterJump(true)
	case key.Matches(msg, k.Start):
		p.playing = false
		p.sess.Restart()
		p.done = false
		p.afterJump(false)
	case key.Matches(msg, k.End):
		p.playing = false
		p.sess.ToEnd()
		p.afterJump(false)
	case key.Matches(msg, k.Faster):
		p.speed = min(p.speed+1, len(speeds)-1)
	case key.Matches(msg, k.Slower):
		p.speed = max(p.speed-1, 0)
	case key.Matches(msg, k.Up):
		p.moveSelection(-1)
	case key.Matches(msg, k.Down):
		p.moveSelection(1)
	case key.Matches(msg, k.ScrollUp):
		p.scrollBy(p.panel, -max(1, p.paneHeight()-2))
	case key.Matches(msg, k.ScrollDown):
		p.scrollBy(p.panel, max(1, p.paneHeight()-2))
	case key.Matches(msg, k.Panel):
		p.nextPanel(1)
	case key.Matches(msg, k.PanelBack):
		p.nextPanel(-1)
	case key.Matches(msg, k.PanelN[:]...):
		p.panelKey(msg)
	case key.Matches(msg, k.Hint):
		p.openHints()
	case key.Matches(msg, k.AutoStory):
		p.c.AutoStory = !p.c.AutoStory
		p.status = "Story: playback pauses at each narration until you press space."
		if p.c.AutoStory {
			p.status = "Story: playback continues past each narration (the Story pane keeps them all)."
		}
	case key.Matches(msg, k.Act):
		return p.openPalette()
	case key.Matches(msg, k.Export):
		p.export()
	case key.Matches(msg, k.Help):
		p.showHelp, p.helpTop = true, 0
	}
	return nil
}

// nextPanel moves to the next (d 1) or previous (d -1) pane there is.
func (p *player) nextPanel(d int) {
	n := p.panelCount()
	p.panel = (p.panel + n + d) % n
}

// panelKey opens the pane a digit names, if there is one.
func (p *player) panelKey(msg tea.KeyPressMsg) {
	for i := range p.panelCount() {
		if key.Matches(msg, p.c.Keys.PanelN[i]) {
			p.panel = i
		}
	}
}

// afterJump shows a quiz reached by stepping (not one skipped, unless the
// jump was n, which lands on it on purpose), and refreshes the view.
func (p *player) afterJump(onPurpose bool) {
	p.refresh()
	recs := p.run().Records
	if n := recs.Len(); n > 0 && recs.Kind(n-1) == scenarios.RecordQuiz && recs.At(n-1).T == p.sess.Now() {
		for _, q := range p.run().Quizzes {
			if q.Quiz.ID == recs.At(n-1).Action && (onPurpose || !p.skipped[q.Quiz.ID]) {
				p.openQuiz(q, false)
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
}

// scrollBy moves a pane's first line; scrolling down to the end makes it
// follow its newest line again.
func (p *player) scrollBy(panel, d int) {
	p.scroll[panel] = max(0, p.scroll[panel]+d)
	p.follow[panel] = false
	if d > 0 && (panel == panelLog || panel == panelStory) {
		lines := lipgloss.Height(p.paneContent(panel, p.paneWidth()))
		if p.scroll[panel] >= lines-p.paneHeight() {
			p.follow[panel] = true
		}
	}
}

// export writes what the session did and reports whether it did: for an
// exercise a submission (the student's actions, answers and hints, never
// the checks: `ec2sim grade` applies the instructor's), otherwise the
// scenario with its sandbox, which `ec2sim run` replays. Neither ever
// writes over an earlier file (files.WriteNew picks a free name).
func (p *player) export() bool {
	sc := p.sess.Scenario()
	data, err := p.sess.Export()
	name := sc.Name + "-session.yaml"
	if p.hasTasks() {
		data, err = p.sess.Submission(p.c.Student)
		name = scenarios.SubmissionName(sc.Name, p.c.Student)
	}
	if err != nil {
		p.status = "export failed: " + err.Error()
		return false
	}
	dir := p.c.ExportDir
	if dir == "" {
		dir = "."
	}
	path, err := files.WriteNew(filepath.Join(dir, name), data)
	if err != nil {
		p.status = "export failed: " + err.Error()
		return false
	}
	p.exported = len(sc.Sandbox)
	p.status = "exported to " + path + " — replay it with: ec2sim run " + path
	if p.hasTasks() {
		who := p.c.Student
		if who == "" {
			who = "no student id"
		}
		p.status = fmt.Sprintf("submission (%s, %s) written to %s — the instructor grades it with: ec2sim grade LAB.yaml %s", who, p.taskScore(), path, path)
	}
	return true
}

// layout is where everything goes: one function, so the view, the mouse
// and the scroll keys agree.
type layout struct {
	headerH, bodyH, quizH int
	leftW, mainW, sideW   int // sideW 0: no second pane
}

func (p *player) layout() layout {
	w, h := p.c.Width, p.c.Height
	l := layout{headerH: 1}
	if h >= 30 {
		l.headerH = 2 // the progress bar gets a line of its own
	}
	l.bodyH = h - l.headerH - lipgloss.Height(p.footer(w))
	if p.quiz != nil {
		l.quizH = min(l.bodyH-6, lipgloss.Height(p.quizView(w-4))+3)
	}
	l.leftW = max(24, min(40, w/4))
	l.mainW = w - l.leftW
	if p.wide() {
		l.sideW = (w - l.leftW) * 2 / 5
		l.mainW = w - l.leftW - l.sideW
	}
	return l
}

// paneHeight and paneWidth are the main pane's content size.
func (p *player) paneHeight() int {
	l := p.layout()
	return max(1, l.bodyH-l.quizH-3)
}
func (p *player) paneWidth() int { return max(1, p.layout().mainW-4) }

// sidePanel is what the second pane of a wide terminal shows.
func (p *player) sidePanel() int {
	if p.panel == panelStory {
		return panelLog
	}
	return panelStory
}

func (p *player) View() string {
	c := p.c
	st := c.Styles
	w, h := c.Width, c.Height
	if p.tooSmall() {
		return tooSmall(w, h)
	}
	l := p.layout()
	header := p.header(w, l.headerH)
	footer := p.footer(w)
	var body []string
	switch {
	case p.showHelp:
		body = boxLines(st.PanelFocus, w, l.bodyH, st.Title.Render("Keys · esc closes · ↑/↓ scroll"), p.helpView(w-4, l.bodyH-3))
	default:
		panesH := l.bodyH - l.quizH
		left := boxLines(st.Panel, l.leftW, panesH, st.Title.Render("Instances"),
			renderInstances(st, p.run().World, p.sess.Now(), p.derived().tree.visible(p.selected, panesH-3), p.label, p.selected))
		main := boxLines(st.PanelFocus, l.mainW, panesH, p.tabs(l.mainW-4), p.pane(p.panel, l.mainW-4, panesH-3))
		body = beside(left, main)
		if l.sideW > 0 {
			side := p.sidePanel()
			body = beside(body, boxLines(st.Panel, l.sideW, panesH, st.Title.Render(panels[side]), p.pane(side, l.sideW-4, panesH-3)))
		}
		if l.quizH > 0 {
			body = append(body, boxLines(st.Quiz, w, l.quizH, st.Title.Render("Quiz · the panes above stay live: tab/"+p.panelKeys()+" switch them"), p.quizView(w-4))...)
		}
	}
	if p.offer != nil {
		body = p.hintsOver(body, w)
	}
	if p.confirm != nil {
		body = p.confirmOver(body, w)
	}
	return header + "\n" + strings.Join(body, "\n") + "\n" + footer
}

// confirmOver draws the leave question over the middle of the body.
func (p *player) confirmOver(body []string, w int) []string {
	st := p.c.Styles
	what := "leave for the scenarios"
	if p.confirm.quit {
		what = "quit"
	}
	export := "export"
	if p.hasTasks() {
		export = "write your submission"
	}
	msg := fmt.Sprintf("%d sandbox action(s) not exported.\n%s  %s, then %s\n%s  %s without exporting\n%s  stay",
		p.Unexported(), st.Key.Render("x"), export, what, st.Key.Render("y"), what, st.Key.Render("esc"))
	box := boxLines(st.Quiz, min(w, 50), 7, st.Title.Render("Unsaved work"), msg)
	top := max(0, (len(body)-len(box))/2)
	left := max(0, (w-min(w, 50))/2)
	for i, l := range box {
		if top+i < len(body) {
			body[top+i] = strings.Repeat(" ", left) + l + strings.Repeat(" ", max(0, w-left-min(w, 50)))
		}
	}
	return body
}

func (p *player) helpView(w, h int) string {
	hm := p.help
	hm.ShowAll = true
	hm.SetWidth(w)
	s := hm.View(p.c.Keys) + "\n\n" + p.c.Styles.Bold.Render("In a quiz") + "\n" +
		"  a–f or ↑/↓ choose · enter confirms (nothing is recorded before) · H hint · esc skip\n" +
		"  choose several (\"Choose two\"): letters or space tick and untick, enter confirms the set\n" +
		"  the panes stay live: tab/" + p.panelKeys() + " switch them, pgup/pgdn scroll\n\n" + paletteHelp()
	if p.hasTasks() {
		s += "\n\n" + p.c.Styles.Bold.Render("In an exercise") + "\n" +
			"  7 shows the tasks: each ticks as soon as its goal is true\n" +
			"  H offers the next hint of a task with its cost; enter takes it, and the cost comes off that task\n" +
			"  x writes your submission (never over an earlier one) for ec2sim grade"
	}
	lines := strings.Split(wrap(s, w), "\n")
	p.helpTop = min(p.helpTop, max(0, len(lines)-h))
	return strings.Join(lines[p.helpTop:], "\n")
}

func (p *player) header(w, height int) string {
	st := p.c.Styles
	sc := p.sess.Scenario()
	now := p.sess.Now()
	state := "⏸ paused"
	if p.playing {
		state = "▶ " + speeds[p.speed].label
	} else {
		state += " · " + speeds[p.speed].label
	}
	at := "T+" + clock(now)
	if end, ok := p.end(); ok {
		at += " of " + short(end)
	}
	right := fmt.Sprintf("%s · %s · %s", state, at, st.Money.Render(dollars(p.bill().Total)))
	if w >= 100 { // the calendar time, where there is room for it
		cal := p.run().World.Clock().At(now).Format("Mon 02 Jan 15:04:05")
		right = fmt.Sprintf("%s · %s · %s · %s", state, cal, at, st.Money.Render(dollars(p.bill().Total)))
	}
	title := st.Title.Render("ec2sim") + " " + scenarios.Line(sc.Title)
	// The title gets what the right side leaves; the right side is sized
	// from text that does not change while playing, so the title does not
	// jitter from frame to frame.
	steady := lipgloss.Width(right)
	line := fit(fit(title, max(1, w-steady-1), 1)+" "+right, w, 1)
	if height < 2 {
		return line
	}
	return line + "\n" + p.progressLine(w)
}

// end is the scenario's end time, if it has one.
func (p *player) end() (sim.Time, bool) {
	sc := p.sess.Scenario()
	return sc.End, sc.HasEnd && sc.End > 0
}

func (p *player) tabs(w int) string {
	k := [3]int{w, p.panel, p.panelCount()}
	if k == p.tabsFor && p.tabsLine != "" {
		return p.tabsLine
	}
	st := p.c.Styles
	var parts []string
	for i, label := range p.tabLabels(w) {
		if i == p.panel {
			parts = append(parts, st.TabActive.Render(label))
		} else {
			parts = append(parts, st.Tab.Render(label))
		}
	}
	p.tabsFor, p.tabsLine = k, strings.Join(parts, "")
	return p.tabsLine
}

// tabLabels are the tabs as text, the open one in brackets, each with the
// space around it: the widest form that fits w (full names, short names,
// then short names without padding, which seven panes need at 80 columns).
// The mouse reads the same labels, so a click lands where the tab is drawn.
func (p *player) tabLabels(w int) []string {
	form := func(names []string, pad string) []string {
		var out []string
		for i, name := range names[:p.panelCount()] {
			label := fmt.Sprintf("%d %s", i+1, name)
			if i == p.panel {
				out = append(out, "["+label+"]")
			} else {
				out = append(out, pad+label+pad)
			}
		}
		return out
	}
	if w >= 72 {
		return form(panels, " ")
	}
	if out := form(shortPanels, " "); lipgloss.Width(strings.Join(out, "")) <= w {
		return out
	}
	out := form(shortPanels, "")
	for i := range out[:len(out)-1] {
		out[i] += " "
	}
	return out
}

// paneContent is a pane's whole text at width w, before scrolling, worked
// out once per narration (the Story), once per state (the Log, and the
// Storage pane's states, sizes and monthly rates: only events change them)
// or once per instant (the rest): a frame that only moves the scroll redraws
// from it. The Lifecycle pane is drawn again only when what it shows of the
// selected instance changes (lifeKey).
func (p *player) paneContent(panel, w int) string {
	p.sync()
	if panel == panelLifecycle {
		k := lifeKey{run: p.d.run, id: p.selected, w: w}
		if inst, ok := p.run().World.Instance(p.selected); ok {
			k.name, k.root, k.state = p.run().World.NameOf(p.selected), inst.RootDeviceType, inst.State
			k.last = p.derived().lastTransition(p.selected)
		}
		if k != p.lifeAt || p.lifeText == "" {
			p.lifeAt, p.lifeText = k, p.renderPane(panel, w)
		}
		return p.lifeText
	}
	if panel == panelStory { // the narrations so far: the same text until the next one
		if k := (storyKey{p.d.run, w, len(p.d.narr)}); k != p.storyAt || p.storyText == "" {
			p.storyAt, p.storyText = k, p.renderPane(panel, w)
		}
		return p.storyText
	}
	cache := &p.timeCache.pane
	if panel == panelLog || panel == panelStorage {
		cache = &p.stateCache.pane
	}
	k := [2]int{panel, w}
	if s, ok := (*cache)[k]; ok {
		return s
	}
	if *cache == nil {
		*cache = map[[2]int]string{}
	}
	s := p.renderPane(panel, w)
	(*cache)[k] = s
	return s
}

func (p *player) renderPane(panel, w int) string {
	st := p.c.Styles
	switch panel {
	case panelLifecycle:
		return wrap(renderLifecycle(st, p.run(), p.selected, p.derived().lastTransition(p.selected)), w)
	case panelStorage:
		return renderStorage(st, p.run().World, w)
	case panelCost:
		b := p.bill()
		return renderCost(st, p.run(), costView{b.Total, b.ByCategory, p.runRate(), p.monthAhead(), p.topCosts(), p.monthlyRate, p.waste(), p.derived().mrks}, w, p.paneHeight())
	case panelLog:
		return renderLog(st, p.run(), w)
	case panelTimeline:
		return strings.Join(p.timeline(w, 0), "\n")
	case panelTasks:
		return p.tasksView(w)
	default:
		return p.storyView(w)
	}
}

// pane is a pane's text scrolled to its first line (or its end, when it
// follows), at most h lines.
func (p *player) pane(panel, w, h int) string {
	var lines []string
	if panel == panelTimeline { // drawn for the lines on screen, each frame
		lines = p.timeline(w, h)
	} else {
		lines = strings.Split(p.paneContent(panel, w), "\n")
	}
	if len(lines) <= h {
		p.scroll[panel] = 0
		return strings.Join(lines, "\n")
	}
	// Too long: h-1 lines of it, and a line that says where we are.
	top, rows := p.window(panel, len(lines), h)
	p.scroll[panel] = top
	out := slices.Clone(lines[top : top+rows])
	out = append(out, p.c.Styles.Dim.Render(fmt.Sprintf("lines %d–%d of %d · pgup/pgdn", top+1, top+rows, len(lines))))
	return strings.Join(out[:min(len(out), h)], "\n")
}

// window is the first line and the number of lines a pane h lines high
// shows of n: all of them when they fit, else h-1 from its scroll position
// (or its end, when it follows) and a line that says where they are.
func (p *player) window(panel, n, h int) (top, rows int) {
	if n <= h {
		return 0, n
	}
	rows = max(1, h-1)
	top = p.scroll[panel]
	if p.follow[panel] {
		top = n - rows
	}
	return max(0, min(top, n-rows)), rows
}

func (p *player) footer(w int) string {
	st := p.c.Styles
	if p.palette != nil {
		keys := fit(st.Dim.Render("enter run · tab complete, ctrl+n/p next match · ↑/↓ history · esc cancel"), w, 1)
		if p.paletteErr != "" {
			msg := strings.Join(fitLines(wrap(scenarios.Line(p.paletteErr), w), w, min(2, lipgloss.Height(wrap(p.paletteErr, w)))), "\n")
			return p.promptLine(w) + "\n" + st.Error.Render(msg) + "\n" + keys
		}
		return p.promptLine(w) + "\n" + keys
	}
	status := p.status
	switch {
	case status != "":
	case p.run().Ended():
		status = p.summary()
	default:
		status = fmt.Sprintf("%d events · %s", p.sess.Fired(), p.sess.Scenario().Name)
		if p.hasTasks() {
			status += " · " + p.taskScore()
		}
	}
	status = wrap(status, w)
	status = strings.Join(fitLines(status, w, min(2, lipgloss.Height(status))), "\n")
	return st.Status.Render(status) + "\n" + p.keyLine(w)
}

// keyLine is the one-line key help: it always ends with ? and q, and drops
// the least useful bindings before them until it fits.
func (p *player) keyLine(w int) string {
	if p.quiz != nil {
		return p.fitKeys(w)
	}
	// Outside a quiz the line depends on the width alone: it is worked out
	// once, not on every frame (and the layout asks for it twice a frame).
	if p.keysFor != w || p.keysLine == "" {
		p.keysFor, p.keysLine = w, p.fitKeys(w)
	}
	return p.keysLine
}

// fitKeys is keyLine worked out.
func (p *player) fitKeys(w int) string {
	k := p.c.Keys
	opt := k.ShortHelp()
	if qs := p.quiz; qs != nil {
		letters := fmt.Sprintf("a–%c", 'a'+len(qs.q.Choices)-1)
		opt = []key.Binding{key.NewBinding(key.WithKeys("a"), key.WithHelp(letters, "choose")), k.Confirm}
		if qs.chosen >= 0 {
			opt = []key.Binding{k.Continue}
		} else if qs.hints < len(qs.q.Hints) {
			opt = append(opt, k.Hint)
		}
		opt = append(opt, k.Panel)
	} else if p.hasTasks() {
		opt = append(slices.Clone(opt), k.Hint)
	}
	if p.hasTasks() {
		opt = p.exerciseKeys(opt)
	}
	hm := p.help
	hm.SetWidth(0)
	must := []key.Binding{k.Help, k.Quit}
	for n := len(opt); n >= 0; n-- {
		s := hm.ShortHelpView(append(slices.Clone(opt[:n]), must...))
		if lipgloss.Width(s) <= w {
			return fit(s, w, 1)
		}
	}
	return fit(hm.ShortHelpView(must), w, 1)
}

// panelKeys names the digit keys of the panes there are.
func (p *player) panelKeys() string { return "1-" + itoa(p.panelCount()) }

// exerciseKeys are the footer's bindings as an exercise has them: seven
// panes, and x writes a submission.
func (p *player) exerciseKeys(opt []key.Binding) []key.Binding {
	out := slices.Clone(opt)
	for i, b := range out {
		switch b.Help().Key {
		case p.c.Keys.Panel.Help().Key:
			out[i] = key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp("tab/"+p.panelKeys(), b.Help().Desc))
		case p.c.Keys.Export.Help().Key:
			out[i] = key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, "submit"))
		}
	}
	return out
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
