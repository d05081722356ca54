package tui

import "charm.land/bubbles/v2/key"

// keyMap declares every binding once; help shows them from here.
type keyMap struct {
	Play, Step, Back, Next, Start, End, Faster, Slower        key.Binding
	Up, Down, Panel, PanelBack, Act, Export, Help, Quit, Menu key.Binding
	ScrollUp, ScrollDown, AutoStory                           key.Binding
	Answer, Hint, Continue                                    key.Binding
	Confirm, Cancel, ForceQuit, Yes                           key.Binding
	// PanelN[i] jumps straight to panel i (keys 1–6).
	PanelN [nPanels]key.Binding
}

func newKeys() keyMap {
	k := keyMap{
		Play:       key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space", "play")),
		Step:       key.NewBinding(key.WithKeys("right", "l", "."), key.WithHelp("→", "step")),
		Back:       key.NewBinding(key.WithKeys("left", "h", ","), key.WithHelp("←", "back")),
		Next:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next story")),
		Start:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "start")),
		End:        key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "end")),
		Faster:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:     key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "select instance")),
		Down:       key.NewBinding(key.WithKeys("down", "j")),
		Panel:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/1-6", "pane")),
		PanelBack:  key.NewBinding(key.WithKeys("shift+tab")),
		ScrollUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup/pgdn", "scroll pane")),
		ScrollDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d")),
		AutoStory:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "story: pause at each / continue")),
		Act:        key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "act")),
		Export:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Menu:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "scenarios")),
		Answer:     key.NewBinding(key.WithKeys("a", "b", "c", "d", "e", "f", "A", "B", "C", "D", "E", "F"), key.WithHelp("a-f", "choose")),
		Hint:       key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hint (−points)")),
		Continue:   key.NewBinding(key.WithKeys("enter", "space", "esc"), key.WithHelp("enter", "continue")),
		Confirm:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit at once")),
		Yes:        key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
	}
	for i := range k.PanelN {
		k.PanelN[i] = key.NewBinding(key.WithKeys(itoa(i + 1)))
	}
	return k
}

// ShortHelp is the one-line help under the player, most useful first; the
// footer drops from the end of it, never ? and q (see player.keyLine).
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Play, k.Step, k.Back, k.Next, k.Panel, k.Act, k.Export}
}

// FullHelp is what ? shows.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Play, k.Step, k.Back, k.Next, k.Start, k.End, k.Faster, k.Slower},
		{k.Up, k.Panel, k.ScrollUp, k.AutoStory, k.Act, k.Export, k.Help, k.Menu, k.Quit, k.ForceQuit},
	}
}
