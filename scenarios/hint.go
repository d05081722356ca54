package scenarios

import "gopkg.in/yaml.v3"

// penalty is what the first taken hints cost: the one hint rule of quizzes
// and tasks alike. Hints beyond the list cost nothing, as there is nothing
// more to take.
func penalty(hints []Hint, taken int) int {
	n := 0
	for _, h := range hints[:min(max(taken, 0), len(hints))] {
		n += h.Penalty
	}
	return n
}

// hintKeys are the fields of a hint written as a mapping.
var hintKeys = []string{"text", "penalty", "available_after"}

// hints reads a list of hints: text alone (penalty 1), or {text, penalty,
// available_after}.
func (p *parser) hints(v *yaml.Node) []Hint {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "hints must be a list of {text, penalty}")
		return nil
	}
	var out []Hint
	for _, h := range v.Content {
		hint := Hint{Penalty: 1}
		if h.Kind == yaml.ScalarNode {
			hint.Text = h.Value
		} else {
			p.fields(h, "a hint", hintKeys, func(key string, k, v *yaml.Node) {
				switch key {
				case "text":
					hint.Text = p.str(v, "hint text")
				case "penalty":
					hint.Penalty = int(p.integer(v, "penalty", 0, 100))
				case "available_after":
					hint.After = p.duration(v, "available_after")
				}
			})
		}
		if hint.Text == "" {
			p.errorf(h, "a hint needs text")
		}
		out = append(out, hint)
	}
	return out
}
