package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A typo in --answers (a quiz id, a scenario name, a letter) is a usage
// error on one line that names the nearest right word, never a question
// silently left unanswered with exit 0.
func TestAnswerTyposAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		rule, answers, msg string
	}{
		{"an unknown inline quiz id", "nosuch=b", `nosuch=b: console-tutorial has no question "nosuch"; its questions: wizard-to-api, image-contents`},
		{"a misspelt inline quiz id", "image-contnets=b", `did you mean "image-contents"?`},
		{"an inline letter that is not a choice", "image-contents=z", `image-contents=z: "z" is not one of its choices, a to`},
		{"a misspelt scenario in a file", file("a.answers.txt", "console-tutoral:\n  image-contents: b\n"), `console-tutoral: no scenario of this name is being tested; did you mean "console-tutorial"?`},
		{"a misspelt quiz id in a file", file("b.answers.txt", "console-tutorial:\n  image-contnets: b\n"), `console-tutorial has no question "image-contnets"; did you mean "image-contents"?`},
	} {
		t.Run(c.rule, func(t *testing.T) {
			out, errs, code := ec2sim(t, "test", "console-tutorial", "--answers", c.answers)
			if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "ec2sim: --answers: ") || !strings.Contains(errs, c.msg) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line with %q", code, out, errs, exitUsage, c.msg)
			}
		})
	}
}

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
