// Package awsapi serves the AWS wire protocols over HTTP so that the real
// AWS CLI, boto3 and Terraform drive a simulated world: the EC2 Query
// protocol (form-encoded requests, XML answers in the 2016-11-15
// namespace, AWS's error envelope and HTTP statuses) and STS
// GetCallerIdentity, plus a JSON admin API under /_ec2sim/.
//
// It is a driver, like tui/: it decodes requests into the model's typed
// inputs, calls the model through a scenarios.Session (so the session
// exports as a scenario that `ec2sim run` replays), encodes the typed
// outputs, and keeps the clock. Every EC2 rule stays in model/. The wall
// clock is read in this package only (clock.go); responses carry
// simulated time.
//
// One mutex guards the world: requests are handled one at a time, in the
// order they take the lock, and none is lost.
package awsapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// maxBody is the largest request body the server reads, in bytes.
const maxBody = 1 << 20

// settleLimit bounds the events ClockSettle fires before one request, so a
// transition that restarts itself forever cannot hang the server.
const settleLimit = 100_000

// Config is what a Server needs.
type Config struct {
	Scenario *scenarios.Scenario // the world; see EmptyScenario for none
	Source   []byte              // the scenario's YAML, for the export
	Seed     *uint64             // overrides the scenario's seed when set
	Clock    Clock
	Speed    float64          // ClockWall: simulated seconds per wall second
	Now      func() time.Time // the wall clock; nil is time.Now
	// Logf receives the server's own notes: recovered panics, ignored
	// parameters, a replay that differs. Nil discards them. The notes quote
	// requests (parameter names, versions, URLs), so the server hands Logf
	// one argument already passed through scenarios.Text: a note is never
	// a terminal control.
	Logf func(format string, args ...any)
	// OnRecords receives each new line of the event log, in order, with
	// the world lock held (so lines never interleave), and the run they
	// belong to, which formats them (Run.LogLine).
	OnRecords func(run *scenarios.Run, recs []scenarios.Record)
	// OnChange is called, without the lock, after a call that changed the
	// session (a mutating action, a clock move, a reset): --record hooks
	// here.
	OnChange func()
}

// Server answers the EC2 Query API for one simulated world.
type Server struct {
	cfg Config

	mu           sync.Mutex
	sess         *scenarios.Session
	wall         wallMap
	clock        Clock
	printed      int               // records handed to OnRecords
	requests     int               // request counter, for request IDs
	reservations map[string]string // instance ID → reservation ID
	tokens       map[string]tokenHit
}

// tokenHit is a successful call's answer, kept for its ClientToken so a
// client's retry gets the same answer instead of a second launch
// ("Ensuring idempotency": https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html).
type tokenHit struct {
	canonical string
	body      []byte
}

// New starts a server's session at simulated time 0.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	logf := cfg.Logf
	cfg.Logf = func(format string, args ...any) {
		logf("%s", scenarios.Text(fmt.Sprintf(format, args...)))
	}
	s := &Server{cfg: cfg, clock: cfg.Clock}
	s.wall.speed = cfg.Speed
	if err := s.reset(); err != nil {
		return nil, err
	}
	return s, nil
}

// EmptyScenario is the world `ec2sim serve` offers without a scenario:
// one "student" account, no steps, us-east-1.
func EmptyScenario() (*scenarios.Scenario, []byte, error) {
	src := []byte("name: serve\ntitle: An empty world for the AWS CLI\nsteps: []\n")
	sc, diags := scenarios.Parse("serve.yaml", src)
	if diags.Errors() > 0 {
		return nil, nil, diags
	}
	return sc, src, nil
}

func (s *Server) reset() error {
	sess, err := scenarios.NewSession(s.cfg.Scenario, s.cfg.Source, s.cfg.Seed)
	if err != nil {
		return err
	}
	s.sess, s.printed = sess, 0
	s.reservations, s.tokens = map[string]string{}, map[string]tokenHit{}
	s.wall.rebase(s.cfg.Now(), 0)
	s.emit()
	return nil
}

// Now is the simulated time.
func (s *Server) Now() sim.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Now()
}

// Calendar is the simulated time on the scenario's calendar.
func (s *Server) Calendar() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Run().World.Clock().At(s.sess.Now())
}

// Accounts lists the world's accounts, the default caller first.
func (s *Server) Accounts() []model.Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Run().World.Accounts()
}

// Tick moves a ClockWall world to the wall clock's instant, so the event
// log shows transitions as they happen and scheduled steps fire on time
// even when no request comes. Other modes ignore it.
func (s *Server) Tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clock.Mode == ClockWall {
		s.advanceTo(s.wall.target(s.cfg.Now()))
	}
}

// advanceTo moves the session to t (never back), through any quiz on the
// way: a served world does not stop for questions.
func (s *Server) advanceTo(t sim.Time) {
	for s.sess.Now() < t {
		before := s.sess.Now()
		stop, err := s.sess.AdvanceTo(t)
		if err != nil || (stop.Quiz == nil && s.sess.Now() == before) {
			break
		}
	}
	s.emit()
}

// settle fires what is due, then moves time on while anything is in
// motion (ClockSettle): a transition (the transitional states are the
// model's, World.Settling) or a step of the scenario that is scheduled
// (Run.NextStepAt), so a lab's own steps run before the student's first
// call is answered. A step waiting on its `when`, a repeat's later runs
// and quizzes after the last step wait for the clock.
func (s *Server) settle() {
	for n := 0; n < settleLimit; n++ {
		r := s.sess.Run()
		next, ok := r.NextAt()
		if !ok {
			break
		}
		if next <= s.sess.Now() {
			if !s.sess.Step() {
				break
			}
			continue
		}
		if _, step := r.NextStepAt(); !step && !r.World.Settling() {
			break
		}
		s.advanceTo(next)
	}
	s.emit()
}

// beforeCall moves the clock as its mode says, before an EC2 request.
func (s *Server) beforeCall() {
	switch s.clock.Mode {
	case ClockWall:
		s.advanceTo(s.wall.target(s.cfg.Now()))
	case ClockStep:
		s.advanceTo(s.sess.Now() + s.clock.Step)
	case ClockSettle:
		s.settle()
	}
}

// emit hands the new event log lines to OnRecords.
func (s *Server) emit() {
	recs := s.sess.Run().Records
	if s.printed > recs.Len() {
		s.printed = 0
	}
	if s.printed < recs.Len() && s.cfg.OnRecords != nil {
		s.cfg.OnRecords(s.sess.Run(), recs.From(s.printed).Records())
	}
	s.printed = recs.Len()
}

func (s *Server) nextRequestID() string {
	s.requests++
	return fmt.Sprintf("ec251300-0000-4000-8000-%012x", s.requests)
}

// ServeHTTP answers EC2 and STS Query requests at any path but /_ec2sim/,
// which is the admin API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "ec2sim")
	defer func() {
		if p := recover(); p != nil {
			s.cfg.Logf("ec2sim: panic answering %s %s: %v\n%s", r.Method, r.URL, p, debug.Stack())
			writeError(w, &model.Error{Code: InternalError, Message: "ec2sim hit an internal error; the server log has the details"}, "")
		}
	}()
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.admin(w, r)
		return
	}
	changed := s.query(w, r)
	if changed && s.cfg.OnChange != nil {
		s.cfg.OnChange()
	}
}

// query handles one Query-protocol request and reports whether it changed
// the session.
func (s *Server) query(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		writeError(w, &model.Error{Code: InvalidAction, Message: "EC2 Query requests are POST or GET"}, "")
		return false
	}
	form, qerr := readForm(w, r)
	s.mu.Lock()
	defer s.mu.Unlock()
	rid := s.nextRequestID()
	if qerr != nil {
		writeError(w, qerr, rid)
		return false
	}
	cred := credentialOf(r, form)
	world := s.sess.Run().World
	acct, aerr := account(world, cred.AccessKey)
	if aerr != nil {
		writeError(w, aerr, rid)
		return false
	}
	action := form.Get(paramAction)
	switch {
	case action == "":
		writeError(w, &model.Error{Code: MissingAction, Message: "The request must contain the parameter Action"}, rid)
		return false
	case cred.Service == serviceSTS || action == actionGetCallerIdentity:
		if action != actionGetCallerIdentity {
			writeError(w, notImplemented(action), rid)
			return false
		}
		writeXML(w, http.StatusOK, newCallerIdentity(acct, rid))
		return false
	}
	a, ok := model.LookupAction(action)
	if !ok || a.Kind != model.KindEC2 {
		writeError(w, notImplemented(action), rid)
		return false
	}
	req, derr := decode(a, form)
	if derr != nil {
		writeError(w, derr, rid)
		return false
	}
	if v := form.Get(paramVersion); v != "" && v != ec2Version {
		s.cfg.Logf("%s: API version %s asked for; ec2sim answers as %s", action, v, ec2Version)
	}
	if len(req.ignored) > 0 {
		s.cfg.Logf("%s: not simulated, ignored: %s", action, strings.Join(req.ignored, ", "))
	}
	// EC2's own API knows resources by ID only: a scenario name is no ID
	// on the wire, as it is not on AWS (Caller.IDsOnly).
	caller := model.Caller{Account: acct.ID, Region: cred.Region, IDsOnly: true}
	tokenKey := strings.Join([]string{acct.ID, cred.Region, action, req.clientToken}, "/")
	if hit, ok := s.tokens[tokenKey]; ok && req.clientToken != "" && !req.dryRun {
		if hit.canonical != req.canonical {
			writeError(w, &model.Error{Code: IdempotentParameterMismatch, Message: fmt.Sprintf(
				"The client token %s was used before with other parameters", req.clientToken)}, rid)
			return false
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		w.Write(hit.body)
		return false
	}
	s.beforeCall()
	world = s.sess.Run().World
	var out any
	var err error
	mutating := !a.ReadOnly() // reads run on the world directly and are not exported
	switch {
	case req.dryRun:
		// The model's one rule for every action (World.DryRun): the call
		// on a copy of the world. Nothing changes, so nothing is exported.
		err = world.DryRun(caller, a, req.in)
		mutating = false
	case mutating:
		// Session.Act names what the call creates (its Name tag, an AMI's,
		// key's or group's name), by the rule every driver shares.
		out, err = act(s.sess, a, caller, "", req.params)
	default:
		out, err = world.Call(caller, a, req.in)
	}
	s.emit()
	if err != nil {
		var me *model.Error
		if !errors.As(err, &me) {
			me = &model.Error{Code: InternalError, Message: err.Error()}
		}
		writeError(w, me, rid)
		return mutating
	}
	enc := &encoder{w: s.sess.Run().World, caller: caller, reservations: s.reservations}
	body, eerr := enc.encode(action, out, rid)
	if eerr != nil {
		writeError(w, &model.Error{Code: InternalError, Message: eerr.Error()}, rid)
		return mutating
	}
	if req.clientToken != "" {
		s.tokens[tokenKey] = tokenHit{req.canonical, body}
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.Write(body)
	return mutating
}

// act takes a mutating call through the session, so it is logged and
// exported, and returns the call's typed output and API error. A failed call
// is exported with the code it got, as an expected error.
func act(sess *scenarios.Session, a model.ActionInfo, c model.Caller, name string, params map[string]any) (any, error) {
	res, err := sess.Act(scenarios.Command{Action: a.Name, Name: name, Params: params, Account: c.Account, Region: c.Region, IDsOnly: c.IDsOnly})
	switch {
	case err != nil:
		return nil, &model.Error{Code: model.InvalidParameterValue, Message: err.Error()}
	case res.Err != nil:
		return nil, res.Err
	}
	return res.Output, nil
}

// readForm reads the parameters of a request: the query string, and a
// form-encoded POST body of at most maxBody bytes.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, *model.Error) {
	form, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &model.Error{Code: MalformedQueryString, Message: "The query string is malformed: " + err.Error()}
	}
	if r.Method != http.MethodPost {
		return form, checkForm(form)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &model.Error{Code: RequestEntityTooLarge, Message: fmt.Sprintf("The request body is over %d bytes", maxBody)}
		}
		return nil, &model.Error{Code: MalformedQueryString, Message: "The request body could not be read: " + err.Error()}
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil, &model.Error{Code: MalformedQueryString, Message: fmt.Sprintf(
			"The body is %s; EC2 Query requests are application/x-www-form-urlencoded", ct)}
	}
	bodyForm, err := url.ParseQuery(string(bytes.TrimSpace(body)))
	if err != nil {
		return nil, &model.Error{Code: MalformedQueryString, Message: "The request body is not a valid form: " + err.Error()}
	}
	for k, v := range bodyForm {
		form[k] = v
	}
	return form, checkForm(form)
}

// notImplemented answers an action ec2sim does not simulate (501, which
// clients do not retry), pointing to the list of those it does: docs/serve.md
// has it, and `ec2sim explain` tells each one. (The list itself, some ninety
// names, made the CLI's one-line error unreadable.)
func notImplemented(action string) *model.Error {
	msg := fmt.Sprintf("ec2sim does not simulate %s; docs/serve.md lists the actions it does", action)
	if a, ok := model.LookupAction(action); ok {
		msg = fmt.Sprintf("%s is not an EC2 API action here (%s: %s); inject it with POST %sact", action, a.Kind, a.Summary, adminPrefix)
	}
	return &model.Error{Code: NotImplemented, Message: msg}
}

// Submission is the session as a student's submission for `ec2sim grade`
// (scenarios.Session.Submission): the lab's identity, the actions, answers
// and hints, never the lab's rules.
func (s *Server) Submission(student string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Submission(student)
}

// Progress is the exercise's tasks as they stand now.
func (s *Server) Progress() scenarios.Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Progress()
}

// Export is the session as a scenario that `ec2sim run` replays to the
// same end state and bill. A scenario without an end gets one now, so
// its checks grade the world the student left.
func (s *Server) Export() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.export(false)
}

// ExportVerified is Export, replayed at once: a replay that differs from
// the live world is logged loudly (it is a bug) and reported as an error.
func (s *Server) ExportVerified() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.export(true)
}

func (s *Server) export(verify bool) ([]byte, error) {
	src, err := s.sess.Export()
	if err != nil || !verify {
		return src, err
	}
	if err := s.sess.VerifyExport(src); err != nil {
		s.cfg.Logf("ec2sim: THE EXPORT DOES NOT REPLAY TO THE LIVE WORLD: %v", err)
		return src, err
	}
	return src, nil
}
