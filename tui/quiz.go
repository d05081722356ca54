package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// quizState is a question on screen: playback waits until it is answered.
// A letter only moves the cursor; enter confirms, so a stray key typed as
// the quiz opens records nothing.
type quizState struct {
	q      scenarios.Quiz
	cursor int
	hints  int // hints shown so far
	chosen int // -1 until answered; then the cursor's choice (single response)
	// multi: a multiple-response question (more than one right choice):
	// letters and space toggle picks, enter confirms the set. picks are the
	// choices ticked, by index.
	multi bool
	picks map[int]bool
	// practice: the question was answered before; this answer is shown
	// but not recorded, and prev is the recorded one.
	practice bool
	prev     QuizAnswer
	// resume: playback reached the quiz, so it plays on after it; a quiz
	// reached by stepping leaves the player paused.
	resume bool
}

func (p *player) answered(id string) bool {
	sp := p.c.Progress.Scenarios[p.sess.Scenario().Name]
	if sp == nil {
		return false
	}
	_, ok := sp.Answers[id]
	return ok
}

func (p *player) openQuiz(ev scenarios.QuizEvent, byPlay bool) {
	qs := &quizState{q: ev.Quiz, chosen: -1, resume: byPlay, multi: len(ev.Quiz.Right()) > 1, picks: map[int]bool{}}
	if sp := p.c.Progress.Scenarios[p.sess.Scenario().Name]; sp != nil {
		// A stored letter that no longer names a choice asks the question afresh.
		if a, ok := sp.Answers[ev.Quiz.ID]; ok {
			if _, ok := ev.Quiz.Response(a.Choice); ok {
				qs.practice, qs.prev = true, a
			}
		}
	}
	p.quiz = qs
}

func (p *player) updateQuiz(msg tea.KeyPressMsg) tea.Cmd {
	qs := p.quiz
	k := p.c.Keys
	// The panes stay live under the quiz.
	switch {
	case key.Matches(msg, k.Panel):
		p.nextPanel(1)
		return nil
	case key.Matches(msg, k.PanelBack):
		p.nextPanel(-1)
		return nil
	case key.Matches(msg, k.PanelN[:]...):
		p.panelKey(msg)
		return nil
	case key.Matches(msg, k.ScrollUp):
		p.scrollBy(p.panel, -max(1, p.paneHeight()-2))
		return nil
	case key.Matches(msg, k.ScrollDown):
		p.scrollBy(p.panel, max(1, p.paneHeight()-2))
		return nil
	}
	if qs.chosen >= 0 {
		if key.Matches(msg, k.Continue) || key.Matches(msg, k.Play) {
			p.quiz = nil
			if qs.resume {
				p.playing = true
				p.gen++
				return p.tick()
			}
		}
		return nil
	}
	// The Answer binding admits the letter keys; Quiz.Choice says which
	// choice a letter names, if any.
	choice, isChoice := 0, false
	if key.Matches(msg, k.Answer) {
		choice, isChoice = qs.q.Choice(msg.String())
	}
	switch {
	case key.Matches(msg, k.Cancel): // skip: not asked again by playing or stepping; n asks it
		p.quiz = nil
		p.skipped[qs.q.ID] = true
		p.status = "Question skipped: n lands on it again when you want to answer."
	case key.Matches(msg, k.Up):
		qs.cursor = max(0, qs.cursor-1)
	case key.Matches(msg, k.Down):
		qs.cursor = min(len(qs.q.Choices)-1, qs.cursor+1)
	case key.Matches(msg, k.Confirm) && qs.multi:
		if len(qs.picks) == 0 {
			p.status = "Tick one or more choices first (a letter or space), then enter."
			return nil
		}
		p.answer(qs.picked())
	case key.Matches(msg, k.Confirm):
		p.answer([]int{qs.cursor})
	case key.Matches(msg, k.Hint):
		if qs.hints < len(qs.q.Hints) {
			qs.hints++
		}
	case isChoice && qs.multi:
		qs.cursor = choice
		qs.toggle(choice)
	case qs.multi && key.Matches(msg, k.Play):
		qs.toggle(qs.cursor)
	case isChoice:
		qs.cursor = choice
	}
	return nil
}

// toggle ticks a choice of a multiple-response question, or unticks it.
func (qs *quizState) toggle(i int) {
	if qs.picks[i] {
		delete(qs.picks, i)
	} else {
		qs.picks[i] = true
	}
}

// picked are the ticked choices in order.
func (qs *quizState) picked() []int {
	var out []int
	for i := range qs.q.Choices {
		if qs.picks[i] {
			out = append(out, i)
		}
	}
	return out
}

// right says whether choice i is one of the question's right choices.
func (qs *quizState) right(i int) bool { return slices.Contains(qs.q.Right(), i) }

// wrong says whether the response given was not right.
func (qs *quizState) wrong() bool {
	correct, _ := qs.q.ScoreResponse(qs.picked(), 0)
	return !correct
}

// answer scores a response (one choice, or the set ticked) by the scenarios
// rule (Quiz.ScoreResponse) and shows the explanation. A first answer in
// this session goes to the session, so the submission carries it; a first
// answer ever is kept in the progress file too; a practice retake is not,
// so the recorded score stays the first one.
func (p *player) answer(chosen []int) {
	qs := p.quiz
	qs.chosen = chosen[0]
	clear(qs.picks)
	for _, i := range chosen {
		qs.picks[i] = true
	}
	delete(p.skipped, qs.q.ID)
	letters := scenarios.Letters(chosen)
	if !p.answeredHere[qs.q.ID] {
		if err := p.sess.Answer(qs.q.ID, scenarios.Answer{Choice: letters, Hints: qs.hints}); err != nil {
			p.status = "the answer was not recorded: " + err.Error()
		} else {
			p.answeredHere[qs.q.ID] = true
		}
	}
	if qs.practice {
		return
	}
	defer func() {
		if p.done {
			p.status = p.summary() // the end's summary counts this answer
		}
	}()
	correct, points := qs.q.ScoreResponse(chosen, qs.hints)
	name := p.sess.Scenario().Name
	sp := p.c.Progress.Scenarios[name]
	if sp == nil {
		sp = &ScenarioProgress{Answers: map[string]QuizAnswer{}}
		p.c.Progress.Scenarios[name] = sp
	}
	sp.Answers[qs.q.ID] = QuizAnswer{Choice: letters, Correct: correct, Hints: qs.hints, Points: points}
	sp.Score, sp.Max = p.score()
	p.save()
}

func (p *player) quizView(w int) string {
	st := p.c.Styles
	qs := p.quiz
	var b strings.Builder
	if qs.practice {
		b.WriteString(st.Dim.Render(fmt.Sprintf("Practice: you answered %s before (%d points); this answer is not recorded.", qs.prev.Choice, qs.prev.Points)) + "\n")
	}
	b.WriteString(wrap(st.Bold.Render(scenarios.Text(qs.q.Question)), w) + "\n\n")
	answered := qs.chosen >= 0
	for i, c := range qs.q.Choices {
		mark := "  "
		switch {
		case answered && qs.right(i):
			mark = st.Good.Render("✔ ")
		case answered && qs.picks[i]:
			mark = st.Error.Render("✘ ")
		case !answered && i == qs.cursor:
			mark = st.Key.Render("▸ ")
		}
		text := fmt.Sprintf("%c) %s", 'a'+i, scenarios.Line(c))
		indent := 3
		if qs.multi {
			box := "[ ] "
			if qs.picks[i] {
				box = "[x] "
			}
			text, indent = box+text, 7
		}
		switch {
		case answered && qs.right(i):
			text = st.Good.Render(text)
		case answered && qs.picks[i]:
			text = st.Error.Render(text)
		}
		// Wrapped choices continue under their text, not at column 0.
		b.WriteString(mark + wrapIndent(text, w-2, indent) + "\n")
	}
	for j := 0; j < qs.hints && j < len(qs.q.Hints); j++ {
		b.WriteString("\n" + wrap(st.Warn.Render(fmt.Sprintf("hint (−%d): %s", qs.q.Hints[j].Penalty, scenarios.Line(qs.q.Hints[j].Text))), w))
	}
	b.WriteString("\n")
	if qs.chosen < 0 {
		help := fmt.Sprintf("a–%c or ↑/↓ to choose, enter to confirm · esc skip", 'a'+len(qs.q.Choices)-1)
		if qs.multi {
			help = fmt.Sprintf("choose %d: a–%c or space tick and untick, ↑/↓ move, enter confirms the set · esc skip", len(qs.q.Right()), 'a'+len(qs.q.Choices)-1)
		}
		if qs.hints < len(qs.q.Hints) {
			help += " · H hint"
		}
		b.WriteString(st.Dim.Render(help))
		return b.String()
	}
	verdict := st.Good.Render("Right.")
	if qs.wrong() {
		verdict = st.Error.Render(fmt.Sprintf("Not quite: the answer is %s.", scenarios.Letters(qs.q.Right())))
	}
	b.WriteString(wrap(verdict+" "+strings.Join(strings.Fields(scenarios.Text(qs.q.Explanation)), " "), w) + "\n\n")
	score, max := p.score()
	next := "enter to continue (paused)"
	if qs.resume {
		next = "enter to play on"
	}
	b.WriteString(st.Dim.Render(fmt.Sprintf("score %d/%d · %s", score, max, next)))
	return b.String()
}
