package model

import (
	"reflect"
	"strings"
)

// ParamDryRun is the request parameter that asks any action for a dry run,
// on the wire and in a scenario step's params alike.
const ParamDryRun = "DryRun"

// ReadOnly reports whether an action only reads, by AWS's naming: its
// Describe, Get and List actions. Every other action changes something,
// and its DryRun answer is worth asking for.
func (a ActionInfo) ReadOnly() bool {
	for _, p := range []string{"Describe", "Get", "List"} {
		if strings.HasPrefix(a.Name, p) {
			return true
		}
	}
	return false
}

// DryRun answers a call made with DryRun: true, by one rule for every
// action: the call runs on a clone of the world, and the answer is
// DryRunOperation ("Request would have succeeded, but DryRun flag is set.")
// if it would have succeeded, else the error it would have returned. The
// world does not change; only its trace records the call and that answer,
// as it records every call. The simulator has no IAM, so the
// UnauthorizedOperation answer AWS gives a caller without permission never
// comes (API reference, "Common query parameters", DryRun:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html).
// The result is always an *Error.
func (w *World) DryRun(c Caller, a ActionInfo, in any) error {
	_, err := w.Clone().Call(c, a, in)
	if err == nil {
		err = dryRun()
	}
	// Trace the call on this world, as the action itself would have:
	// caller resolves the account and region, apiDone logs the answer.
	c, _ = w.caller(c)
	w.apiDone(a.Name, c, "", err, "")
	return apiError(err)
}

// withoutDryRun reports whether a request (a pointer from NewInput) has a
// DryRun field set to true, and returns a copy of it with the field false:
// the call World.DryRun tries on its clone.
func withoutDryRun(in any) (any, bool) {
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	f := v.Elem().FieldByName(ParamDryRun)
	if !f.IsValid() || f.Kind() != reflect.Bool || !f.Bool() {
		return nil, false
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	cp.Elem().FieldByName(ParamDryRun).SetBool(false)
	return cp.Interface(), true
}
