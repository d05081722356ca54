package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// mouse selects what was clicked (an instance, a tab) and scrolls the
// pane under the wheel, hit-testing against the same layout the view
// draws (player.layout).
func (p *player) mouse(msg tea.MouseMsg) tea.Cmd {
	if p.tooSmall() || p.showHelp || p.confirm != nil || p.offer != nil {
		return nil
	}
	m := msg.Mouse()
	l := p.layout()
	y := m.Y - l.headerH
	panesH := l.bodyH - l.quizH
	if y < 0 || y >= panesH {
		return nil
	}
	pane := -1 // the instance list
	switch {
	case m.X >= l.leftW+l.mainW:
		pane = p.sidePanel()
	case m.X >= l.leftW:
		pane = p.panel
	}
	switch msg.(type) {
	case tea.MouseWheelMsg:
		d := 3
		if m.Button == tea.MouseWheelUp {
			d = -3
		} else if m.Button != tea.MouseWheelDown {
			return nil
		}
		if pane < 0 {
			p.moveSelection(d / 3)
		} else {
			p.scrollBy(pane, d)
		}
	case tea.MouseClickMsg:
		if m.Button != tea.MouseLeft {
			return nil
		}
		switch {
		case pane < 0 && y >= 2: // border, title, then the rows
			vis := visible(p.rows(), p.selected, panesH-3)
			if i := y - 2; i < len(vis) && vis[i].id != "" {
				p.selected = vis[i].id
			}
		case pane == p.panel && m.X < l.leftW+l.mainW && y == 1: // the tabs
			x := m.X - l.leftW - 2
			for i, label := range p.tabLabels(l.mainW - 4) {
				w := lipgloss.Width(label)
				if x >= 0 && x < w {
					p.panel = i
					break
				}
				x -= w
			}
		}
	}
	return nil
}
