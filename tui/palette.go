package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// The sandbox prompt (":"): a text input that completes command lines. What
// a line means is the scenarios package's command language
// (scenarios.ParseCommand); this file reads the line, hands the command to
// the session and shows the answer.

// openPalette pauses playback and opens the prompt, completing the names
// the world has now.
func (p *player) openPalette() tea.Cmd {
	p.playing = false
	ti := textinput.New()
	ti.Prompt = ": "
	ti.Placeholder = "stop web · launch al2023 t3.micro as web2 · image web v2 · share golden 444455556666"
	ti.ShowSuggestions = true
	// ↑/↓ walk the history (as a shell's do); ctrl+n/ctrl+p the matches.
	ti.KeyMap.NextSuggestion = key.NewBinding(key.WithKeys("ctrl+n"))
	ti.KeyMap.PrevSuggestion = key.NewBinding(key.WithKeys("ctrl+p"))
	ti.SetSuggestions(p.sess.Completions())
	ti.SetWidth(max(10, p.c.Width-4))
	p.palette = &ti
	p.paletteErr = ""
	p.histAt, p.draft = len(p.history), ""
	return ti.Focus()
}

// recall shows the history line d steps back (d 1) or forward (d -1); past
// the newest line comes the draft the student was typing.
func (p *player) recall(d int) {
	if p.histAt == len(p.history) {
		p.draft = p.palette.Value()
	}
	p.histAt = max(0, min(len(p.history), p.histAt-d))
	line := p.draft
	if p.histAt < len(p.history) {
		line = p.history[p.histAt]
	}
	p.palette.SetValue(line)
	p.palette.CursorEnd()
}

// remember adds a line to the history, once in a row.
func (p *player) remember(line string) {
	if line = strings.TrimSpace(line); line != "" && (len(p.history) == 0 || p.history[len(p.history)-1] != line) {
		p.history = append(p.history, line)
	}
	p.histAt = len(p.history)
}

// promptLine is the prompt as one line of exactly w cells: what does not
// fit is padding or the completion's tail, cut without a stray ellipsis.
func (p *player) promptLine(w int) string {
	return fit(ansi.Truncate(p.palette.View(), w, ""), w, 1)
}

func (p *player) updatePalette(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.c.Keys.Cancel):
		p.palette = nil
		return nil
	case msg.String() == "up":
		p.recall(1)
		return nil
	case msg.String() == "down":
		p.recall(-1)
		return nil
	case key.Matches(msg, p.c.Keys.Confirm):
		line := p.palette.Value()
		p.remember(line)
		// A line that never became a call keeps the prompt open, with the
		// line to mend and the reason under it.
		c, err := scenarios.ParseCommand(line)
		if errors.Is(err, scenarios.ErrNoCommand) {
			p.paletteErr = err.Error() + " (tab completes)"
			p.status = p.paletteErr // and after the prompt closes
			return nil
		}
		if err != nil {
			p.paletteErr = err.Error()
			p.status = p.paletteErr // and after the prompt closes
			return nil
		}
		res, err := p.sess.Act(c)
		if err != nil {
			p.paletteErr = err.Error()
			p.status = p.paletteErr // and after the prompt closes
			return nil
		}
		p.palette, p.paletteErr = nil, ""
		p.status = "sandbox: " + line
		if res.Err != nil {
			p.status = fmt.Sprintf("%s failed: %s — %s", res.Action.Name, res.Err.Code, scenarios.Line(res.Err.Message))
		}
		p.panel = panelLog
		p.done = p.run().Ended()
		p.refresh()
		return nil
	}
	ti, cmd := p.palette.Update(msg)
	p.palette = &ti
	p.paletteErr = ""
	return cmd
}

func paletteHelp() string {
	var b strings.Builder
	b.WriteString("Sandbox commands (:) — tab completes names:\n")
	for _, v := range scenarios.Verbs() {
		b.WriteString("  " + v.Usage + "\n")
	}
	b.WriteString("  or any action by its API name: StopInstances InstanceIds=[web] Force=true\n")
	b.WriteString("  add @REGION to call another region, ~ACCOUNT to act as another account")
	return b.String()
}
