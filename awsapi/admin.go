package awsapi

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// adminPrefix is where the admin API lives, on the same port as the EC2
// API (the AWS clients never call a path).
const adminPrefix = "/_ec2sim/"

// The admin endpoints (JSON unless said otherwise; docs/serve.md).
const (
	adminHealth = "health" // GET: scenario, seed, simulated time, clock
	adminClock  = "clock"  // POST {"speed":N} | {"pause":bool} | {"advance":"30d"} | {"until":"idle"}
	adminExport = "export" // GET: the session as scenario YAML; ?as=submission[&student=ID]: a submission for ec2sim grade
	adminTasks  = "tasks"  // GET: the exercise's tasks, done or open, and the points so far
	adminState  = "state"  // GET: what `ec2sim run --json` prints
	adminBill   = "bill"   // GET: the bill so far
	adminLog    = "log"    // GET ?since=N: event log lines from N
	adminAct    = "act"    // POST {"action","params","account","region","name"}: any model action, faults included
	adminReset  = "reset"  // POST: back to time 0
	adminAnswer = "answer" // POST {"quiz":"id","answer":"b" or "a, c","hints":N}: a quiz answer, for the submission
	adminHint   = "hint"   // POST {"task":"id"}: take a task's next hint (it costs its penalty)
)

// AnswerRequest answers one of the lab's questions through the admin API,
// for a student working with the AWS CLI: the answer goes into the
// submission as the terminal UI's would.
type AnswerRequest struct {
	Quiz   string `json:"quiz"`
	Answer string `json:"answer"`
	Hints  int    `json:"hints"`
}

// HintRequest takes a task's next hint.
type HintRequest struct {
	Task string `json:"task"`
}

// exportSubmission is the value of export's "as" that asks for a
// submission instead of a scenario.
const exportSubmission = "submission"

// untilIdle is the one value of the clock's "until": run until nothing is
// pending.
const untilIdle = "idle"

// Health is the answer of GET /_ec2sim/health.
type Health struct {
	Server   string   `json:"server"`
	Scenario string   `json:"scenario"`
	Seed     uint64   `json:"seed"`
	Now      string   `json:"now"`      // simulated time since the start, e.g. 1h2m3s
	NowS     float64  `json:"now_s"`    // the same, in seconds
	Calendar string   `json:"calendar"` // simulated calendar time, RFC 3339
	Clock    string   `json:"clock"`
	Speed    float64  `json:"speed"`
	Paused   bool     `json:"paused"`
	Pending  int      `json:"pending"` // events queued in the world
	Accounts []string `json:"accounts"`
}

// ClockRequest is the body of POST /_ec2sim/clock; each member given acts.
type ClockRequest struct {
	Speed   *float64 `json:"speed,omitempty"`
	Pause   *bool    `json:"pause,omitempty"`
	Advance string   `json:"advance,omitempty"` // a duration: 90s, 2h, 30d
	Until   string   `json:"until,omitempty"`   // "idle"
}

// ActRequest is the body of POST /_ec2sim/act.
type ActRequest struct {
	Action  string         `json:"action"`
	Params  map[string]any `json:"params"`
	Account string         `json:"account,omitempty"`
	Region  string         `json:"region,omitempty"`
	Name    string         `json:"name,omitempty"`
}

func (s *Server) admin(w http.ResponseWriter, r *http.Request) {
	what := strings.TrimPrefix(r.URL.Path, adminPrefix)
	post := r.Method == http.MethodPost
	switch {
	case what == adminHealth:
		s.mu.Lock()
		h := s.health()
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, h)
	case what == adminClock && post:
		var req ClockRequest
		if !readJSON(w, r, &req) {
			return
		}
		s.change(w, http.StatusBadRequest, func() (any, error) {
			err := s.clockChange(req)
			return s.health(), err
		})
	case what == adminTasks:
		writeJSON(w, http.StatusOK, s.Progress())
	case what == adminExport && r.URL.Query().Get("as") == exportSubmission:
		src, err := s.Submission(r.URL.Query().Get("student"))
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		w.Header().Set("Content-Type", "application/yaml")
		w.Write(src)
	case what == adminExport:
		src, err := s.ExportVerified()
		if src == nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		if err != nil {
			w.Header().Set("X-Ec2sim-Replay", "differs")
		}
		w.Header().Set("Content-Type", "application/yaml")
		w.Write(src)
	case what == adminState || what == adminBill:
		s.mu.Lock()
		rep := s.sess.Run().Report()
		s.mu.Unlock()
		if what == adminBill {
			writeJSON(w, http.StatusOK, rep.Bill)
		} else {
			writeJSON(w, http.StatusOK, rep)
		}
	case what == adminLog:
		since, _ := strconv.Atoi(r.URL.Query().Get("since"))
		s.mu.Lock()
		events := s.sess.Run().Report().Events
		s.mu.Unlock()
		since = min(max(since, 0), len(events))
		writeJSON(w, http.StatusOK, map[string]any{"next": len(events), "events": events[since:]})
	case what == adminAct && post:
		var req ActRequest
		if !readJSON(w, r, &req) {
			return
		}
		s.change(w, http.StatusBadRequest, func() (any, error) {
			return map[string]string{"ok": req.Action}, s.adminAct(req)
		})
	case what == adminAnswer && post:
		var req AnswerRequest
		if !readJSON(w, r, &req) {
			return
		}
		s.change(w, http.StatusBadRequest, func() (any, error) {
			return map[string]string{"ok": req.Quiz}, s.sess.Answer(req.Quiz, scenarios.Answer{Choice: req.Answer, Hints: req.Hints})
		})
	case what == adminHint && post:
		var req HintRequest
		if !readJSON(w, r, &req) {
			return
		}
		s.change(w, http.StatusBadRequest, func() (any, error) {
			h, err := s.sess.TakeHint(req.Task)
			return map[string]any{"task": req.Task, "hint": h.Text, "penalty": h.Penalty}, err
		})
	case what == adminReset && post:
		s.change(w, http.StatusInternalServerError, func() (any, error) {
			return map[string]string{"ok": adminReset}, s.reset()
		})
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf(
			"no admin endpoint %s %s; there are GET health, export, tasks, state, bill, log and POST clock, act, answer, hint, reset", r.Method, r.URL.Path)})
	}
}

// change runs an admin action that changes the session, under the lock:
// its error is answered with failed, its success with its answer, after
// telling OnChange.
func (s *Server) change(w http.ResponseWriter, failed int, do func() (any, error)) {
	s.mu.Lock()
	answer, err := do()
	s.mu.Unlock()
	if err != nil {
		writeJSON(w, failed, map[string]string{"error": err.Error()})
		return
	}
	s.changed()
	writeJSON(w, http.StatusOK, answer)
}

func (s *Server) changed() {
	if s.cfg.OnChange != nil {
		s.cfg.OnChange()
	}
}

func (s *Server) health() Health {
	run := s.sess.Run()
	h := Health{
		Server: "ec2sim", Scenario: run.Scenario.Name, Seed: run.Seed, Now: s.sess.Now().String(), NowS: s.sess.Now().Seconds(),
		Calendar: run.World.Clock().At(s.sess.Now()).Format("2006-01-02T15:04:05.000Z07:00"),
		Clock:    s.clock.String(), Speed: s.wall.speed, Paused: s.wall.paused, Pending: run.World.Pending(),
	}
	for _, a := range run.World.Accounts() {
		h.Accounts = append(h.Accounts, a.Name+" "+a.ID)
	}
	return h
}

// clockChange applies a clock request: speed, pause, then a jump.
func (s *Server) clockChange(req ClockRequest) error {
	s.beforeCall() // time up to now happened at the old rate
	if req.Speed != nil {
		if *req.Speed < 0 {
			return fmt.Errorf("speed must be 0 or more")
		}
		s.wall.speed = *req.Speed
	}
	if req.Pause != nil {
		s.wall.paused = *req.Pause
	}
	if req.Advance != "" {
		d, err := sim.ParseTime(req.Advance)
		if err != nil || d < 0 {
			return fmt.Errorf("advance: %v", err)
		}
		s.advanceTo(s.sess.Now() + d)
	}
	switch req.Until {
	case "":
	case untilIdle:
		for n := 0; n < settleLimit && s.sess.Run().World.Pending() > 0 && s.sess.Step(); n++ {
		}
		s.emit()
	default:
		return fmt.Errorf("until %q: the one value is %q", req.Until, untilIdle)
	}
	s.wall.rebase(s.cfg.Now(), s.sess.Now())
	return nil
}

// adminAct takes any model action now, recorded like the student's: a
// fault, a guest action, or an EC2 call given as YAML-style params.
func (s *Server) adminAct(req ActRequest) error {
	if _, ok := model.LookupAction(req.Action); !ok {
		return fmt.Errorf("unknown action %q", req.Action)
	}
	s.beforeCall()
	if req.Params == nil {
		req.Params = map[string]any{}
	}
	res, err := s.sess.Act(scenarios.Command{Action: req.Action, Name: req.Name, Params: req.Params, Account: req.Account, Region: req.Region})
	s.emit()
	if err == nil && res.Err != nil {
		return res.Err
	}
	return err
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err == nil && len(body) > 0 {
		err = json.Unmarshal(body, v)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body is not the JSON expected: " + err.Error()})
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
