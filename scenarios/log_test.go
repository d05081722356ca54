package scenarios

import (
	"testing"
	"unsafe"

	"github.com/ec2sim/ec2sim/sim"
)

// A record comes back from the log exactly as it was logged, field by
// field, however many records share its shape or name.
func TestLogGivesBackEveryRecordAsLogged(t *testing.T) {
	recs := []Record{
		{T: 0, Kind: RecordAPI, Action: "RunInstances", Resource: "i-1", Name: "web", Region: "us-east-1", AZ: "us-east-1a", Account: "111122223333", Message: "i-1"},
		{T: sim.Second, Kind: RecordAPI, Action: "RunInstances", Region: "us-east-1", Account: "111122223333", Error: "InsufficientInstanceCapacity", Message: "no capacity"},
		{T: sim.Second, Kind: RecordState, Action: "instance", Resource: "i-1", Name: "web", Region: "us-east-1", AZ: "us-east-1a", From: "pending", To: "running"},
		{T: 2 * sim.Second, Kind: RecordState, Action: "instance", Resource: "i-2", Region: "us-east-1", AZ: "us-east-1b", From: "pending", To: "running"},
		{T: 3 * sim.Second, Kind: RecordNarration, Action: "RunInstances", Message: "Now the fleet.\n"},
		{T: 3 * sim.Second, Kind: RecordCheck, Action: "PASS", Message: "it runs — true"},
		{T: 4 * sim.Second, Kind: RecordState, Action: "instance", Resource: "i-1", Name: "web", Region: "us-east-1", AZ: "us-east-1a", From: "running", To: "stopping"},
		{T: 5 * sim.Second, Kind: RecordState, Action: "instance", Resource: "i-3", Name: "db", Region: "us-east-1", AZ: "us-east-1a", From: "pending", To: "running", Message: "again"},
		{},
	}
	var l Log
	for _, r := range recs {
		l.append(r)
	}
	if l.Len() != len(recs) {
		t.Fatalf("%d records, logged %d", l.Len(), len(recs))
	}
	for i, got := range l.All() {
		if got != recs[i] {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, recs[i])
		}
		if l.Kind(i) != recs[i].Kind {
			t.Errorf("record %d: kind %q, want %q", i, l.Kind(i), recs[i].Kind)
		}
	}
	if got, want := len(l.tab.shapes), 8; got != want {
		t.Errorf("%d shapes, want %d: records that differ only in time, resource, name or message share one", got, want)
	}
	if got := l.From(5).At(0); got != recs[5] || l.From(5).Len() != len(recs)-5 {
		t.Errorf("From(5) starts at %+v, want %+v", got, recs[5])
	}
}

// A record logged before its resource had a name takes the name the step
// gives it, and nothing else about it changes.
func TestLogNamesARecordAfterTheFact(t *testing.T) {
	var l Log
	rec := Record{T: sim.Minute, Kind: RecordState, Action: "instance", Resource: "i-9", Region: "eu-west-1", From: "pending", To: "running"}
	l.append(rec)
	if l.named(0) {
		t.Fatal("a record logged without a name has one")
	}
	l.setName(0, "db")
	rec.Name = "db"
	if got := l.At(0); got != rec {
		t.Errorf("got %+v, want %+v", got, rec)
	}
}

// Logs that share a table (a session's checkpoints and its live run) read
// each other's indices the same: a replay from a prefix that logs a new
// shape and a new name leaves what the prefix holds as it was.
func TestLogPrefixSharesTheTable(t *testing.T) {
	var l Log
	a := Record{T: 1, Kind: RecordNote, Action: "boot", Resource: "i-1", Name: "a", Message: "booted"}
	b := Record{T: 2, Kind: RecordNote, Action: "boot", Resource: "i-2", Name: "b", Message: "booted"}
	l.append(a)
	l.append(b)
	p := l.prefix(1)
	c := Record{T: 2, Kind: RecordFault, Action: "data-lost", Resource: "i-3", Name: "c", Message: "gone"}
	p.append(c)
	if p.Len() != 2 || p.At(0) != a || p.At(1) != c {
		t.Errorf("replayed log is %+v", p.Records())
	}
	if p.tab != l.tab {
		t.Error("a prefix has its own table")
	}
}

// A stored record is a quarter the size of a Record: the log of a
// million-event run is most of what a session holds.
func TestLogEntryIsCompact(t *testing.T) {
	if got, full := unsafe.Sizeof(entry{}), unsafe.Sizeof(Record{}); got > 48 || got*3 > full {
		t.Errorf("a log entry takes %d bytes, a Record %d", got, full)
	}
}
