package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestExplainCoversEveryAction(t *testing.T) {
	// Guest actions and faults are the simulator's stand-ins; every other
	// kind is a real AWS API action (EC2's, or Data Lifecycle Manager's).
	want := func(k ActionKind) TopicKind {
		switch k {
		case KindGuest:
			return TopicGuest
		case KindFault:
			return TopicFault
		case KindLoad:
			return TopicLoad
		}
		return TopicAction
	}
	for _, a := range Actions() {
		tp, ok := Explain(a.Name)
		if !ok {
			t.Errorf("action %s has no explain topic", a.Name)
			continue
		}
		if tp.Kind != want(a.Kind) {
			t.Errorf("%s: kind %q, want %q", a.Name, tp.Kind, want(a.Kind))
		}
		if tp.Summary != a.Summary {
			t.Errorf("%s: summary %q differs from the registry's %q", a.Name, tp.Summary, a.Summary)
		}
	}
}

func TestExplainCoversEveryErrorCode(t *testing.T) {
	for _, c := range Codes() {
		tp, ok := Explain(string(c.Code))
		if !ok {
			t.Errorf("error code %s has no explain topic", c.Code)
			continue
		}
		if tp.Kind != TopicCode || tp.Summary == "" {
			t.Errorf("%s: kind %q, summary %q", c.Code, tp.Kind, tp.Summary)
		}
	}
	if got, want := len(Topics()), len(Actions())+len(Codes()); got != want {
		t.Errorf("%d topics, want %d (one per action and per code, no strays)", got, want)
	}
}

func TestExplainIgnoresCase(t *testing.T) {
	for _, name := range []string{"createimage", "CREATEIMAGE", "CreateImage", " createImage ", "invalidsnapshot.inuse", "INVALIDAMIID.NOTFOUND", "dryrunoperation"} {
		if _, ok := Explain(name); !ok {
			t.Errorf("Explain(%q) found nothing", name)
		}
	}
	tp, _ := Explain("stopinstances")
	if tp.Name != "StopInstances" {
		t.Errorf("Explain returns the canonical name, got %q", tp.Name)
	}
	if _, ok := Explain("StopInstance"); ok {
		t.Error("Explain matched a misspelt name")
	}
}

func TestExplainRelatedTopicsExist(t *testing.T) {
	for _, tp := range Topics() {
		if len(tp.Related) == 0 {
			t.Errorf("%s: no related topics", tp.Name)
		}
		for _, r := range tp.Related {
			if _, ok := Explain(r); !ok {
				t.Errorf("%s: related %q is not a topic", tp.Name, r)
			}
			if r == tp.Name {
				t.Errorf("%s lists itself as related", tp.Name)
			}
		}
	}
}

func TestExplainTextsAreShortWrappedParagraphs(t *testing.T) {
	for _, tp := range Topics() {
		lines := strings.Split(tp.Text, "\n")
		if n := len(lines); n < 6 || n > 15 {
			t.Errorf("%s: %d lines, want 6 to 15", tp.Name, n)
		}
		for i, l := range lines {
			if w := utf8.RuneCountInString(l); w > TextWidth {
				t.Errorf("%s line %d: %d columns, want at most %d", tp.Name, i+1, w, TextWidth)
			}
			if l != strings.TrimRight(l, " ") {
				t.Errorf("%s line %d has trailing space", tp.Name, i+1)
			}
		}
	}
}

func TestExplainTopicsListActionsThenCodes(t *testing.T) {
	ts := Topics()
	names := ActionNames()
	for i, n := range names {
		if ts[i].Name != n {
			t.Fatalf("topic %d is %s, want action %s (registry order)", i, ts[i].Name, n)
		}
	}
	codes := ts[len(names):]
	for i := 1; i < len(codes); i++ {
		if strings.ToLower(codes[i-1].Name) > strings.ToLower(codes[i].Name) {
			t.Errorf("codes out of order: %s before %s", codes[i-1].Name, codes[i].Name)
		}
	}
}

// The simulator's decisions where AWS sources disagree must be visible to
// students, not hidden in code.
func TestExplainSaysWhereTheSimulatorChose(t *testing.T) {
	cases := []struct{ topic, says string }{
		{"RunInstances", "simulator chose true"},
		{"TerminateInstances", "the simulator's choice where sources disagree"},
		{"TerminateInstances", "stopped instance also passes through a brief shutting-down"},
		{"StopInstances", "the simulator bills only running time"},
		{"RunInstances", "eu-west-1's among them, are approximate"},
		{"CreateImage", "NoReboot"},
		{"DeregisterImage", "NOT deleted by default"},
		{"CopyImage", "DESTINATION region"},
		{"CopyImage", "launch permissions are never copied"},
		{"StopInstances", "UnsupportedOperation: the root device is instance store"},
		{"RegisterImage", "i386"},
		{"RegisterImage", "paravirtual"},
	}
	for _, c := range cases {
		tp, _ := Explain(c.topic)
		if !strings.Contains(strings.Join(strings.Fields(tp.Text), " "), c.says) {
			t.Errorf("%s does not say %q", c.topic, c.says)
		}
	}
}
