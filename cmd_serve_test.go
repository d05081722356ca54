package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/scenarios"
)

func TestServeHelpTeachesClockModesAndSafety(t *testing.T) {
	out, _, code := ec2sim(t, "serve", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"wall", "step:DUR", "settle", "manual", "never needs real credentials", "--endpoint-url", "--allow-remote",
		"AKIA", "get-caller-identity", "loopback", "pending", "docs/serve.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve --help does not mention %q", want)
		}
	}
}

func TestServeRefusesANonLoopbackAddress(t *testing.T) {
	_, errs, code := ec2sim(t, "serve", "--addr", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(errs, "--allow-remote") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestServeRefusesAnUnknownClock(t *testing.T) {
	if _, errs, code := ec2sim(t, "serve", "--clock", "fast"); code != exitUsage || !strings.Contains(errs, "settle") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// syncBuffer is a bytes.Buffer the server's goroutines may write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeInterruptedWritesTheRecordAndExits130(t *testing.T) {
	record := filepath.Join(t.TempDir(), "session.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--clock", "manual", "--record", record}, strings.NewReader(""), &out, &errs)
	}()
	for i := 0; i < 100 && !strings.Contains(out.String(), "export AWS_ACCESS_KEY_ID=student"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitInterrupted {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	src, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := scenarios.Parse(record, src); diags.Errors() > 0 {
		t.Errorf("the record does not load: %v\n%s", diags, src)
	}
	if !strings.Contains(out.String(), "--endpoint-url http://127.0.0.1:") {
		t.Errorf("the banner does not say how to reach the server:\n%s", out.String())
	}
}
