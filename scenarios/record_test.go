package scenarios

import (
	"strings"
	"testing"
)

// A log line carries text from the file (names, narration, messages that
// echo parameters): it must reach the terminal escaped, on one line.
func TestLogLinesEscapeTextFromTheFile(t *testing.T) {
	for _, rec := range []Record{
		{Kind: RecordAPI, Action: "CreateKeyPair", Resource: "key-1", Name: "k\x1b]52;c;ZWNobyBwd25lZA==\x07", Message: "ok"},
		{Kind: RecordCheck, Action: "FAIL", Message: "disk\r\x1b[2KPASS everything"},
		{Kind: RecordNarration, Message: "line one\n\x1b]0;title\x07line two\u202e"},
		{Kind: RecordState, Action: "instance", Resource: "i-1", Name: "web\nPASS forged", From: "pending", To: "running"},
	} {
		out := rec.logLine()
		if strings.ContainsAny(out, "\x1b\r\a\u202e") {
			t.Errorf("%s record left a control in %q", rec.Kind, out)
		}
		if rec.Kind != RecordNarration && strings.Contains(out, "\n") {
			t.Errorf("%s record spans lines: %q", rec.Kind, out)
		}
	}
}

// A quiz question written over several lines (a YAML block) is one line in
// the log, its words joined by single spaces, with no \n in sight.
func TestAMultiLineQuestionIsOneLogLine(t *testing.T) {
	rec := Record{T: 0, Kind: RecordQuiz, Action: "copy-facts", Message: "A company copies an AMI.\nWhich TWO statements are true?\n"}
	got := rec.logLine()
	if strings.Contains(got, `\n`) || strings.Contains(got, "\n") || !strings.Contains(got, "A company copies an AMI. Which TWO statements are true?") {
		t.Errorf("log line %q", got)
	}
}
