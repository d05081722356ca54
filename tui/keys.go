package tui

import "charm.land/bubbles/v2/key"

// keyMap declares every binding once; help shows them from here.
type keyMap struct {
	Play, Step, Back, Next, Start, End, Faster, Slower        key.Binding
	Up, Down, Panel, PanelBack, Act, Export, Help, Quit, Menu key.Binding
	Answer, Hint, Continue                                    key.Binding
	Confirm, Cancel, ForceQuit                                key.Binding
	// PanelN[i] jumps straight to panel i (keys 1–5).
	PanelN [5]key.Binding
}

func newKeys() keyMap {
	return keyMap{
		Play:      key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space", "play/pause")),
		Step:      key.NewBinding(key.WithKeys("right", "l", "."), key.WithHelp("→", "next event")),
		Back:      key.NewBinding(key.WithKeys("left", "h", ","), key.WithHelp("←", "step back")),
		Next:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next narration/quiz/check")),
		Start:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "start")),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "end")),
		Faster:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:    key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "select")),
		Down:      key.NewBinding(key.WithKeys("down", "j")),
		Panel:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/1-5", "panel")),
		PanelBack: key.NewBinding(key.WithKeys("shift+tab")),
		Act:       key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "act (sandbox)")),
		Export:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export session")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Menu:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "scenarios")),
		Answer:    key.NewBinding(key.WithKeys("a", "b", "c", "d", "e", "f", "A", "B", "C", "D", "E", "F"), key.WithHelp("a-f", "answer")),
		Hint:      key.NewBinding(key.WithKeys("?", "H"), key.WithHelp("H", "hint (costs points)")),
		Continue:  key.NewBinding(key.WithKeys("enter", "space", "esc"), key.WithHelp("enter", "continue")),
		Confirm:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit at once")),
		PanelN: [5]key.Binding{
			key.NewBinding(key.WithKeys("1")), key.NewBinding(key.WithKeys("2")), key.NewBinding(key.WithKeys("3")),
			key.NewBinding(key.WithKeys("4")), key.NewBinding(key.WithKeys("5")),
		},
	}
}

// ShortHelp is the one-line help under the player.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Play, k.Step, k.Back, k.Next, k.Panel, k.Act, k.Help, k.Quit}
}

// FullHelp is what ? shows.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Play, k.Step, k.Back, k.Next, k.Start, k.End},
		{k.Faster, k.Slower, k.Up, k.Panel, k.Act, k.Export},
		{k.Help, k.Menu, k.Quit},
	}
}
