package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// The tasks of an exercise: a live checklist (the Tasks pane), the score,
// and hints offered with their cost before they are taken. What a task is,
// when it is done and what it scores are the scenarios package's
// (Session.Progress, Session.TakeHint, Task.Score); this file shows them.

// hintOffer is the hint chooser (H outside a quiz): every task with a hint
// left, its cost and when it can be taken. Nothing is taken before enter.
type hintOffer struct {
	cursor int    // index into offers()
	note   string // why the last enter took nothing
}

// hasTasks says the scenario is an exercise: the Tasks pane is there.
func (p *player) hasTasks() bool { return len(p.sess.Scenario().Tasks) > 0 }

// panelCount is how many panes the tab bar has: the Tasks pane only for
// an exercise, so a film's screens stay as they were.
func (p *player) panelCount() int {
	if p.hasTasks() {
		return nPanels
	}
	return nPanels - 1
}

// offers are the tasks not done that still have a hint to take, in the
// lab's order.
func (p *player) offers() []scenarios.TaskProgress {
	var out []scenarios.TaskProgress
	for _, t := range p.sess.Progress().Tasks {
		if !t.Done && t.HintsLeft > 0 {
			out = append(out, t)
		}
	}
	return out
}

// nextHint is the hint a task would give next, from the lab.
func (p *player) nextHint(t scenarios.TaskProgress) scenarios.Hint {
	for _, task := range p.sess.Scenario().Tasks {
		if task.ID == t.ID && t.HintsTaken < len(task.Hints) {
			return task.Hints[t.HintsTaken]
		}
	}
	return scenarios.Hint{}
}

// hintCost says what the next hint of t costs and when it can be taken.
func (p *player) hintCost(t scenarios.TaskProgress) string {
	h := p.nextHint(t)
	s := fmt.Sprintf("hint %d of %d costs %s", t.HintsTaken+1, t.HintsTaken+t.HintsLeft, plural(h.Penalty, "point"))
	if !h.Available(p.sess.Now()) {
		s += ", available from T+" + clock(h.After)
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// openHints opens the hint chooser, or says why there is nothing to offer.
func (p *player) openHints() {
	switch {
	case !p.hasTasks():
		p.status = "Hints come with tasks; this scenario has none (a quiz's hint is H in the quiz)."
	case len(p.offers()) == 0:
		p.status = "No hint left to take: every task is done or has used its hints."
	default:
		p.playing = false
		p.offer = &hintOffer{}
	}
}

func (p *player) updateHints(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.Keys
	offers := p.offers()
	ho := p.offer
	ho.cursor = max(0, min(ho.cursor, len(offers)-1))
	switch {
	case key.Matches(msg, k.Cancel), key.Matches(msg, k.Quit), key.Matches(msg, k.Hint):
		p.offer = nil
	case key.Matches(msg, k.Up):
		ho.cursor = max(0, ho.cursor-1)
	case key.Matches(msg, k.Down):
		ho.cursor = min(len(offers)-1, ho.cursor+1)
	case key.Matches(msg, k.Confirm):
		t := offers[ho.cursor]
		h, err := p.sess.TakeHint(t.ID)
		if err != nil {
			ho.note = err.Error()
			return nil
		}
		p.offer = nil
		p.panel = panelTasks
		p.status = fmt.Sprintf("Hint for %s (−%s when it is done): %s", t.ID, plural(h.Penalty, "point"), scenarios.Line(h.Text))
	}
	return nil
}

// hintsOver draws the hint chooser over the middle of the body.
func (p *player) hintsOver(body []string, w int) []string {
	st := p.c.Styles
	bw := min(w, 72)
	var b strings.Builder
	for i, t := range p.offers() {
		mark := "  "
		if i == p.offer.cursor {
			mark = st.Key.Render("▸ ")
		}
		b.WriteString(mark + wrapIndent(scenarios.Line(t.ID)+": "+p.hintCost(t), bw-6, 2) + "\n")
	}
	b.WriteString(st.Dim.Render("A hint's cost comes off the task's points when it is done."))
	if p.offer.note != "" {
		b.WriteString("\n" + st.Warn.Render(wrap(p.offer.note, bw-4)))
	}
	b.WriteString("\n" + st.Dim.Render("↑/↓ choose · enter take · esc close"))
	text := b.String()
	box := boxLines(st.Quiz, bw, min(len(body), lineCount(text)+3), st.Title.Render("Take a hint?"), text)
	top := max(0, (len(body)-len(box))/2)
	left := max(0, (w-bw)/2)
	for i, l := range box {
		if top+i < len(body) {
			body[top+i] = strings.Repeat(" ", left) + l + strings.Repeat(" ", max(0, w-left-bw))
		}
	}
	return body
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// tasksView is the Tasks pane: each task ticked or not, what it earns now
// out of its points, the hints taken and what the next one costs.
func (p *player) tasksView(w int) string {
	st := p.c.Styles
	pr := p.sess.Progress()
	var b strings.Builder
	b.WriteString(st.Bold.Render(fmt.Sprintf("%d of %d tasks done · %d/%d points", pr.Done, len(pr.Tasks), pr.Points, pr.MaxPoints)) + "\n")
	tasks := p.sess.Scenario().Tasks
	for i, t := range pr.Tasks {
		mark, pts := "☐ ", fmt.Sprintf("0/%d", t.MaxPoints)
		if t.Done {
			mark, pts = st.Good.Render("✔ "), fmt.Sprintf("%d/%d", t.Points, t.MaxPoints)
		}
		head := fmt.Sprintf("%s · %s", scenarios.Line(t.ID), pts)
		if t.Done {
			head += " · done at T+" + clock(p.run().Tasks[i].T)
		}
		if t.Deadline != "" && !t.Done {
			head += " · by T+" + t.Deadline
		}
		b.WriteString("\n" + mark + wrapIndent(head, w-2, 2) + "\n")
		b.WriteString("  " + wrapIndent(scenarios.Line(t.Text), w-2, 2) + "\n")
		for j := 0; j < t.HintsTaken && i < len(tasks) && j < len(tasks[i].Hints); j++ {
			h := tasks[i].Hints[j]
			b.WriteString("  " + st.Warn.Render(wrapIndent(fmt.Sprintf("hint (−%d): %s", h.Penalty, scenarios.Line(h.Text)), w-2, 2)) + "\n")
		}
		if !t.Done && t.HintsLeft > 0 {
			b.WriteString("  " + st.Dim.Render(wrapIndent(p.hintCost(t)+" · H", w-2, 2)) + "\n")
		}
	}
	b.WriteString("\n" + st.Dim.Render(wrap("A task ticks as soon as its goal is true. x writes your submission; `ec2sim grade` replays it on the instructor's lab.", w)))
	return b.String()
}

// taskNotes are the status notes for tasks the records since `from` say
// were done.
func (p *player) taskNotes(recs scenarios.Log) string {
	var notes []string
	for _, r := range recs.All() {
		if r.Kind == scenarios.RecordTask {
			notes = append(notes, "✔ task "+scenarios.Line(r.Action)+" done")
		}
	}
	if len(notes) == 0 {
		return ""
	}
	pr := p.sess.Progress()
	return strings.Join(notes, " · ") + fmt.Sprintf(" — %d/%d points", pr.Points, pr.MaxPoints)
}

// taskScore is the one-line score for the footer and the end summary.
func (p *player) taskScore() string {
	pr := p.sess.Progress()
	return fmt.Sprintf("tasks %d/%d, %d/%d points", pr.Done, len(pr.Tasks), pr.Points, pr.MaxPoints)
}
