package scenarios

import (
	"regexp"

	"gopkg.in/yaml.v3"
)

var quizIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)

func (p *parser) quizzes(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "quiz must be a list of questions")
		return
	}
	ids := map[string]bool{}
	for _, e := range n.Content {
		q := Quiz{Pos: p.sink.at(e.Line, e.Column), Points: 1}
		var answer *yaml.Node
		p.fields(e, "a quiz question", []string{"id", "at", "question", "choices", "answer", "explanation", "hints", "points"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "id":
				q.ID = p.str(v, "id")
				if !quizIDRE.MatchString(q.ID) {
					p.errorf(v, "quiz id %q: use lower-case letters, digits and dashes", q.ID)
				} else if ids[q.ID] {
					p.errorf(v, "quiz id %q is used twice", q.ID)
				}
				ids[q.ID] = true
			case "at":
				q.At = p.duration(v, "at")
				if p.sc.HasEnd && q.At > p.sc.End {
					p.errorf(v, "question at %s is after the scenario's end (%s)", q.At.Compact(), p.sc.End.Compact())
				}
			case "question":
				q.Question = p.str(v, "question")
			case "choices":
				q.Choices = p.strs(v, "choices")
				if len(q.Choices) < 2 || len(q.Choices) > 6 {
					p.errorf(v, "a question needs 2 to 6 choices, has %d", len(q.Choices))
				}
			case "answer":
				answer = v
			case "explanation":
				q.Explanation = p.str(v, "explanation")
			case "points":
				q.Points = int(p.integer(v, "points", 1, 100))
			case "hints":
				if v.Kind != yaml.SequenceNode {
					p.errorf(v, "hints must be a list of {text, penalty}")
					return
				}
				for _, h := range v.Content {
					hint := Hint{Penalty: 1}
					if h.Kind == yaml.ScalarNode {
						hint.Text = h.Value
					} else {
						p.fields(h, "a hint", []string{"text", "penalty"}, func(key string, k, v *yaml.Node) {
							if key == "text" {
								hint.Text = p.str(v, "hint text")
							} else {
								hint.Penalty = int(p.integer(v, "penalty", 0, 100))
							}
						})
					}
					q.Hints = append(q.Hints, hint)
				}
			}
		})
		if q.ID == "" || q.Question == "" || answer == nil || q.Explanation == "" {
			p.errorf(e, "a question needs id, question, choices, answer and explanation")
			continue
		}
		q.Answer = -1
		if i, ok := q.Choice(answer.Value); ok {
			q.Answer = i
		} else {
			p.errorf(answer, "answer %q is out of range: give the letter of one of the %d choices (a to %c)", answer.Value, len(q.Choices), 'a'+rune(max(len(q.Choices), 1)-1))
		}
		p.sc.Quizzes = append(p.sc.Quizzes, q)
	}
}
