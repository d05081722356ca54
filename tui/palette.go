package tui

import (
	"charm.land/bubbles/v2/key"
	"errors"
	"fmt"
	"strings"

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
	ti.SetSuggestions(p.sess.Completions())
	ti.SetWidth(max(10, p.c.Width-4))
	p.palette = &ti
	return ti.Focus()
}

func (p *player) updatePalette(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.c.Keys.Cancel):
		p.palette = nil
		return nil
	case key.Matches(msg, p.c.Keys.Confirm):
		line := p.palette.Value()
		p.palette = nil
		c, err := scenarios.ParseCommand(line)
		if errors.Is(err, scenarios.ErrNoCommand) {
			p.status = err.Error() + " (tab completes)"
			return nil
		}
		if err != nil {
			p.status = err.Error()
			return nil
		}
		res, err := p.sess.Act(c)
		if err != nil {
			p.status = err.Error()
			return nil
		}
		p.status = "sandbox: " + line
		if res.Err != nil {
			p.status = fmt.Sprintf("%s failed: %s — %s", res.Action.Name, res.Err.Code, res.Err.Message)
		}
		p.panel = panelLog
		p.done = p.run().Ended()
		p.refresh()
		return nil
	}
	ti, cmd := p.palette.Update(msg)
	p.palette = &ti
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
