package model

import (
	"reflect"
	"testing"
)

// Every field a launch template can say is one a launch request can say,
// with the same type, and templateData and setTemplateData carry each of
// them across: a field added to both shapes but not to the two functions
// would be dropped silently from every launch from a template.
func TestTemplateDataIsWhatALaunchCanSay(t *testing.T) {
	dt, rt := reflect.TypeFor[LaunchTemplateData](), reflect.TypeFor[RunInstancesInput]()
	var in RunInstancesInput
	rv := reflect.ValueOf(&in).Elem()
	for i := range dt.NumField() {
		f := dt.Field(i)
		rf, ok := rt.FieldByName(f.Name)
		if !ok || rf.Type != f.Type {
			t.Errorf("LaunchTemplateData.%s (%s) has no field of its type in RunInstancesInput", f.Name, f.Type)
			continue
		}
		rv.FieldByName(f.Name).Set(nonZero(t, f.Type))
	}
	var out RunInstancesInput
	out.setTemplateData(in.templateData())
	ov := reflect.ValueOf(out)
	for i := range dt.NumField() {
		name := dt.Field(i).Name
		if got, want := ov.FieldByName(name), rv.FieldByName(name); !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%s does not survive templateData and setTemplateData: %v, want %v", name, got, want)
		}
	}
}

// nonZero is a value of type t that is not its zero value.
func nonZero(t *testing.T, typ reflect.Type) reflect.Value {
	v := reflect.New(typ).Elem()
	switch typ.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Pointer:
		v.Set(reflect.New(typ.Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(typ, 1, 1))
	default:
		t.Fatalf("no non-zero value for %s", typ)
	}
	return v
}
