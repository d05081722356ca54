package main

import (
	"strings"
	"testing"
)

// A multiple-response answer is written inline with commas between its
// letters, as between answers: copy-facts=b,d (the letters' own spelling
// with a space, "b d", is read too).
func TestInlineMultipleResponseAnswersTakeCommas(t *testing.T) {
	for _, answers := range []string{"copy-facts=b,d", "copy-facts=b,d,copy-id=a", "copy-facts=b d"} {
		out, errs, code := ec2sim(t, "test", "exercise-ami-another-region", "--answers", answers)
		if code != exitOK || !strings.Contains(out, "copy-facts — b, d is right") {
			t.Errorf("--answers %s: exit %d\n%s%s", answers, code, out, errs)
		}
	}
}
