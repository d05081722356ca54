package scenarios

import "fmt"

// RuleAnswerPosition flags a lab whose right answers lean on one letter: a
// student who always picks that letter scores well without reading. Exam
// writers spread the key evenly; the teaching trial found 24 of the
// library's 35 answers were b.
const RuleAnswerPosition Rule = "answer-position"

// Over at least answerSkewMin questions, more than answerSkewShare of
// right answers on one letter is a skew.
const (
	answerSkewMin   = 5
	answerSkewShare = 0.40
)

// answerPosition warns, at the first question, when one letter holds more
// than answerSkewShare of the right answers over answerSkewMin or more
// questions. A multiple-response question counts each of its letters.
func (p *parser) answerPosition() {
	qs := p.sc.Quizzes
	if len(qs) < answerSkewMin {
		return
	}
	count := map[int]int{}
	total := 0
	for _, q := range qs {
		for _, i := range q.Right() {
			count[i]++
			total++
		}
	}
	for i := range 6 {
		if share := float64(count[i]) / float64(total); share > answerSkewShare {
			q := qs[0]
			p.sink.warnRule(RuleAnswerPosition, q.Pos.Line, q.Pos.Col,
				"%d of the %d right answers are %s (%.0f%%, more than %.0f%%): a student who always picks %s scores well without reading; spread the key over the letters",
				count[i], total, Letter(i), 100*share, 100*answerSkewShare, Letter(i))
			return
		}
	}
}

// answerText is a question's right choices, for messages.
func answerText(q Quiz) string { return fmt.Sprintf("%s (%s)", q.ID, Letters(q.Right())) }
