package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// quizState is a question on screen: playback waits until it is answered.
type quizState struct {
	q      scenarios.Quiz
	cursor int
	hints  int  // hints shown so far
	chosen int  // -1 until answered
	review bool // already answered earlier: shown, not scored again
}

func (p *player) answered(id string) bool {
	sp := p.c.Progress.Scenarios[p.sess.Scenario().Name]
	if sp == nil {
		return false
	}
	_, ok := sp.Answers[id]
	return ok
}

func (p *player) openQuiz(ev scenarios.QuizEvent) {
	qs := &quizState{q: ev.Quiz, chosen: -1}
	if sp := p.c.Progress.Scenarios[p.sess.Scenario().Name]; sp != nil {
		// A stored letter that no longer names a choice asks the question afresh.
		if a, ok := sp.Answers[ev.Quiz.ID]; ok {
			if i, ok := ev.Quiz.Choice(a.Choice); ok {
				qs.review, qs.hints, qs.chosen = true, a.Hints, i
			}
		}
	}
	p.quiz = qs
}

func (p *player) updateQuiz(msg tea.KeyPressMsg) tea.Cmd {
	qs := p.quiz
	k := p.c.Keys
	if qs.chosen >= 0 {
		if key.Matches(msg, k.Continue) || key.Matches(msg, k.Play) {
			p.quiz = nil
			if !qs.review {
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
	case key.Matches(msg, k.Cancel): // skip for now: it comes back the next time time passes it
		p.quiz = nil
	case key.Matches(msg, k.Up):
		qs.cursor = max(0, qs.cursor-1)
	case key.Matches(msg, k.Down):
		qs.cursor = min(len(qs.q.Choices)-1, qs.cursor+1)
	case key.Matches(msg, k.Confirm):
		p.answer(qs.cursor)
	case key.Matches(msg, k.Hint):
		if qs.hints < len(qs.q.Hints) {
			qs.hints++
		}
	case isChoice:
		p.answer(choice)
	case key.Matches(msg, k.Quit):
		return tea.Quit
	}
	return nil
}

// answer scores a choice, keeps it in the progress file, and shows the
// explanation.
func (p *player) answer(i int) {
	qs := p.quiz
	qs.chosen = i
	correct, points := qs.q.Score(i, qs.hints)
	name := p.sess.Scenario().Name
	sp := p.c.Progress.Scenarios[name]
	if sp == nil {
		sp = &ScenarioProgress{Answers: map[string]QuizAnswer{}}
		p.c.Progress.Scenarios[name] = sp
	}
	sp.Answers[qs.q.ID] = QuizAnswer{Choice: scenarios.Letter(i), Correct: correct, Hints: qs.hints, Points: points}
	sp.Score, sp.Max = p.score()
	p.save()
}

func (p *player) quizView(w int) string {
	st := p.c.Styles
	qs := p.quiz
	var b strings.Builder
	b.WriteString(wrap(st.Bold.Render(qs.q.Question), w) + "\n\n")
	for i, c := range qs.q.Choices {
		mark := "  "
		line := fmt.Sprintf("%c) %s", 'a'+i, c)
		switch {
		case qs.chosen >= 0 && i == qs.q.Answer:
			line = st.Good.Render("✔ " + line)
		case qs.chosen >= 0 && i == qs.chosen:
			line = st.Error.Render("✘ " + line)
		case qs.chosen < 0 && i == qs.cursor:
			mark = st.Key.Render("▸ ")
		}
		b.WriteString(wrap(mark+line, w) + "\n")
	}
	for j := 0; j < qs.hints && j < len(qs.q.Hints); j++ {
		b.WriteString("\n" + wrap(st.Warn.Render(fmt.Sprintf("hint (−%d): %s", qs.q.Hints[j].Penalty, qs.q.Hints[j].Text)), w))
	}
	b.WriteString("\n")
	if qs.chosen < 0 {
		help := "a–" + string(rune('a'+len(qs.q.Choices)-1)) + " or ↑/↓ enter to answer · esc to skip"
		if qs.hints < len(qs.q.Hints) {
			help += " · H for a hint"
		}
		b.WriteString(st.Dim.Render(help))
		return b.String()
	}
	verdict := st.Good.Render("Right.")
	if qs.chosen != qs.q.Answer {
		verdict = st.Error.Render(fmt.Sprintf("Not quite: the answer is %c.", 'a'+qs.q.Answer))
	}
	if qs.review {
		verdict = st.Dim.Render("(answered before) ") + verdict
	}
	b.WriteString(wrap(verdict+" "+strings.Join(strings.Fields(qs.q.Explanation), " "), w) + "\n\n")
	score, max := p.score()
	b.WriteString(st.Dim.Render(fmt.Sprintf("score %d/%d · enter to continue", score, max)))
	return b.String()
}
