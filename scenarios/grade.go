package scenarios

// Failures counts what makes a run a failure, for every driver: failed
// checks and expectations, steps that waited in vain, and a run cut short
// by a limit.
func (r *Run) Failures() int {
	n := len(r.TimedOut)
	for _, x := range r.Expectations {
		if !x.OK() {
			n++
		}
	}
	for _, c := range r.Checks {
		if !c.Pass {
			n++
		}
	}
	if r.Stopped != "" {
		n++
	}
	return n
}
