package scenarios

import (
	"iter"

	"github.com/ec2sim/ec2sim/sim"
)

// Log is a run's event log, oldest record first. A long run's log is most
// of what it holds in memory, so each record is stored compactly: 48 bytes
// on a 64-bit machine, against 184 for a Record. Its time and its free text
// (resource ID, message) are kept as they are; its name is an index into
// the run's table of names; everything else it says (kind, action, region,
// AZ, states, account, error code) takes few distinct combinations in a
// run (a fleet's hundred thousand state changes are a few dozen shapes),
// so it is an index into the run's table of those shapes.
//
// Readers see a record through At and All as a Record, an expanded copy
// built by two table look-ups: nothing outside this file knows the compact
// form. Two logs are equal when their Records are, whatever their indices.
//
// The tables only grow, and the runs copied from one run (a session's
// checkpoints) share them: an index means the same text in every one of
// them, so a replay from a checkpoint writes the same entries again.
type Log struct {
	entries []entry
	tab     *logTable
}

// entry is one record, compacted.
type entry struct {
	t        sim.Time
	resource string
	message  string
	name     uint32 // index into logTable.names; 0 is no name
	shape    uint32 // index into logTable.shapes
}

// shape is what a record says besides its time, resource, name and
// message.
type shape struct {
	kind                                       RecordKind
	action, region, az, from, to, account, err string
}

// logTable holds the distinct names and shapes of a run's log, each once,
// in the order first logged. Entries are only ever added.
type logTable struct {
	names   []string
	nameIdx map[string]uint32
	shapes  []shape
	shapeOf map[shape]uint32
}

func newLogTable() *logTable {
	return &logTable{names: []string{""}, nameIdx: map[string]uint32{"": 0}, shapeOf: map[shape]uint32{}}
}

func (t *logTable) name(s string) uint32 { return intern(&t.names, t.nameIdx, s) }

func (t *logTable) shape(s shape) uint32 { return intern(&t.shapes, t.shapeOf, s) }

// intern is v's index in list, appended the first time it is seen.
func intern[T comparable](list *[]T, index map[T]uint32, v T) uint32 {
	i, ok := index[v]
	if !ok {
		i = uint32(len(*list))
		*list = append(*list, v)
		index[v] = i
	}
	return i
}

// Len is how many records the log holds.
func (l Log) Len() int { return len(l.entries) }

// At is the i'th record, oldest first.
func (l Log) At(i int) Record {
	e := &l.entries[i]
	s := &l.tab.shapes[e.shape]
	return Record{
		T: e.t, Kind: s.kind, Action: s.action, Resource: e.resource, Name: l.tab.names[e.name],
		Region: s.region, AZ: s.az, From: s.from, To: s.to, Account: s.account, Error: s.err, Message: e.message,
	}
}

// Kind is the i'th record's kind, without building the Record: for scans
// that look for one kind.
func (l Log) Kind(i int) RecordKind { return l.tab.shapes[l.entries[i].shape].kind }

// All yields the records, oldest first, with their indices.
func (l Log) All() iter.Seq2[int, Record] {
	return func(yield func(int, Record) bool) {
		for i := range l.entries {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// From is the log from record i on: its records since a reader last
// looked, or the newest few.
func (l Log) From(i int) Log { return Log{l.entries[i:], l.tab} }

// Records copies the log out as Records, for a caller that keeps them.
func (l Log) Records() []Record {
	out := make([]Record, len(l.entries))
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// prefix is the log's first n records. What a replay then appends goes
// into the same array, over the records after them.
func (l Log) prefix(n int) Log { return Log{l.entries[:n], l.tab} }

func (l *Log) append(rec Record) {
	if l.tab == nil {
		l.tab = newLogTable()
	}
	sh := shape{rec.Kind, rec.Action, rec.Region, rec.AZ, rec.From, rec.To, rec.Account, rec.Error}
	l.entries = append(l.entries, entry{rec.T, rec.Resource, rec.Message, l.tab.name(rec.Name), l.tab.shape(sh)})
}

// reset empties the log, keeping its array and tables for what comes next.
func (l *Log) reset() {
	clear(l.entries)
	l.entries = l.entries[:0]
}

// setName names the i'th record, which had no name.
func (l *Log) setName(i int, name string) { l.entries[i].name = l.tab.name(name) }

// resource is the i'th record's resource ID.
func (l Log) resource(i int) string { return l.entries[i].resource }

// named reports whether the i'th record has a name.
func (l Log) named(i int) bool { return l.entries[i].name != 0 }
