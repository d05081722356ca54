package tui

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"github.com/ec2sim/ec2sim/scenarios"
)

// storyView is every narration so far, oldest first, each under the time
// it was told at: the Story pane scrolls through them (it follows the
// newest until scrolled up), so nothing told is lost between two frames.
func (p *player) storyView(w int) string {
	st := p.c.Styles
	recs := p.narrations()
	if len(recs) == 0 {
		return wrap(st.Dim.Render(scenarios.Line(strings.Join(strings.Fields(p.sess.Scenario().Summary), " "))), w) + "\n\n" +
			st.Dim.Render("The story appears here as it is told. Press space to play.")
	}
	var b strings.Builder
	for i, r := range recs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		head := fmt.Sprintf("── %d/%d · %s ", i+1, len(recs), clock(r.T))
		b.WriteString(st.Dim.Render(head+strings.Repeat("─", max(0, w-len([]rune(head))))) + "\n")
		b.WriteString(p.markdown(r.Message, w))
	}
	return b.String()
}

// markdown renders narration once per text and width with glamour, in a
// style chosen before the program starts (glamour must not query the
// terminal later): light or dark to match the background. Under NO_COLOR
// the same style is used: the renderer drops its colours and keeps bold and
// italic, so emphasis reads as emphasis, never as raw Markdown (glamour's
// notty and ascii styles print the ** and * markers).
func (p *player) markdown(text string, w int) string {
	text = scenarios.Text(text) // narration is file text: no controls reach the terminal
	key := fmt.Sprint(w, "|", text)
	if s, ok := p.mdCache[key]; ok {
		return s
	}
	style := styles.DarkStyle
	if !p.c.Dark {
		style = styles.LightStyle
	}
	out := text
	if r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(max(20, w))); err == nil {
		if s, err := r.Render(text); err == nil {
			out = strings.Trim(s, "\n")
		}
	}
	p.mdCache[key] = out
	return out
}
