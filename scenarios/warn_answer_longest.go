package scenarios

import (
	"strings"
	"unicode/utf8"
)

// RuleAnswerLongest flags a lab whose right answer is nearly always the
// longest choice: a test-wise student picks the longest and passes. The
// teaching trial found it so in 22 of the library's 35 questions.
const RuleAnswerLongest Rule = "answer-longest"

// Over at least answerSkewMin single-response questions, the right answer
// being the strictly longest choice in answerLongestShare of them or more
// is "nearly always".
const answerLongestShare = 0.80

// answerLongest warns, at the first question, when the right choice is the
// strictly longest in answerLongestShare or more of the single-response
// questions, over answerSkewMin or more of them.
func (p *parser) answerLongest() {
	var single []Quiz
	for _, q := range p.sc.Quizzes {
		if len(q.Right()) == 1 && q.Answer >= 0 && q.Answer < len(q.Choices) {
			single = append(single, q)
		}
	}
	if len(single) < answerSkewMin {
		return
	}
	var longest []string
	for _, q := range single {
		if strictlyLongest(q.Choices, q.Answer) {
			longest = append(longest, answerText(q))
		}
	}
	if share := float64(len(longest)) / float64(len(single)); share >= answerLongestShare {
		q := single[0]
		p.sink.warnRule(RuleAnswerLongest, q.Pos.Line, q.Pos.Col,
			"the right answer is the longest choice in %d of %d questions (%s): a student who picks the longest scores well; give the distractors the same care and length",
			len(longest), len(single), strings.Join(longest, ", "))
	}
}

// strictlyLongest reports whether choice i is longer, in characters, than
// every other choice.
func strictlyLongest(choices []string, i int) bool {
	n := utf8.RuneCountInString(choices[i])
	for j, c := range choices {
		if j != i && utf8.RuneCountInString(c) >= n {
			return false
		}
	}
	return true
}
