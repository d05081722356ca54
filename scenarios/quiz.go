package scenarios

import (
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

var quizIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)

// itemID reads the id of a quiz question or a task (what says which, for
// the messages): lower-case letters, digits and dashes (quizIDRE), and not
// one already in ids, which it is added to. Grading names questions and
// tasks, and matches answers and hints to them, by it (grade.go), so it must
// be unique within its list.
func (p *parser) itemID(v *yaml.Node, what string, ids map[string]bool) string {
	id := p.str(v, "id")
	if !quizIDRE.MatchString(id) {
		p.errorf(v, "%s id %q: use lower-case letters, digits and dashes", what, id)
	} else if ids[id] {
		p.errorf(v, "%s id %q is used twice", what, id)
	}
	ids[id] = true
	return id
}

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
				q.ID = p.itemID(v, "quiz", ids)
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
				q.Hints = p.hints(v)
			}
		})
		if q.ID == "" || q.Question == "" || answer == nil || q.Explanation == "" {
			p.errorf(e, "a question needs id, question, choices, answer and explanation")
			continue
		}
		q.Answer = -1
		letters := []*yaml.Node{answer}
		if answer.Kind == yaml.SequenceNode {
			// A multiple-response question: answer: [a, c].
			letters = answer.Content
			if len(letters) < 2 || len(letters) >= len(q.Choices) {
				p.errorf(answer, "a multiple-response answer names 2 to %d of the %d choices, names %d", max(len(q.Choices)-1, 2), len(q.Choices), len(letters))
			}
		}
		for _, l := range letters {
			i, ok := q.Choice(l.Value)
			switch {
			case l.Kind != yaml.ScalarNode || !ok:
				p.errorf(l, "answer %s is out of range: give the letter of one of the %d choices (a to %c)", kindName(l), len(q.Choices), 'a'+rune(max(len(q.Choices), 1)-1))
			case slices.Contains(q.Answers, i):
				p.errorf(l, "answer %s is given twice", l.Value)
			default:
				q.Answers = append(q.Answers, i)
			}
		}
		slices.Sort(q.Answers)
		if len(q.Answers) > 0 {
			q.Answer = q.Answers[0]
		}
		p.sc.Quizzes = append(p.sc.Quizzes, q)
	}
}
