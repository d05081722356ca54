package scenarios

import (
	"github.com/ec2sim/ec2sim/model"
	"time"
)

// Report is the machine-readable result of a run: the JSON document of
// `ec2sim run --json`. Field names are a stable interface; add, never rename.
type Report struct {
	Scenario  string      `json:"scenario"`
	Seed      uint64      `json:"seed"`
	EndS      float64     `json:"end_s"`
	Events    []EventJSON `json:"events"`
	Resources Resources   `json:"resources"`
	Bill      BillJSON    `json:"bill"`
}

// BillJSON is the bill at the end of the run. Money is a decimal string of
// dollars with six decimals ("0.016400"): exact, never a float.
type BillJSON struct {
	// The period billed: the scenario's start and the bill's time, on its
	// calendar (RFC 3339, UTC).
	From       string `json:"from"`
	To         string `json:"to"`
	TotalUSD   string `json:"total_usd"`
	RunRateUSD string `json:"run_rate_usd_per_hour"`
	// What a 730-hour month of what meters now would cost if nothing
	// changed, at list price and after the free tier (the same without
	// one): model.World.MonthAhead.
	MonthAheadUSD          string         `json:"month_ahead_usd"`
	MonthAheadAfterFreeUSD string         `json:"month_ahead_after_free_tier_usd"`
	Lines                  []BillLineJSON `json:"lines"`
	Series                 []CostPoint    `json:"series"`
	// Waste is the bill's findings, as `ec2sim bill` lists them: what is
	// billed for nothing (model.World.Waste), most expensive first.
	Waste []WasteJSON `json:"waste"`
}

// WasteJSON is one waste finding.
type WasteJSON struct {
	Resource   string `json:"resource"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	Message    string `json:"message"`
	MonthlyUSD string `json:"monthly_usd"`
}

// BillLineJSON is one bill line.
type BillLineJSON struct {
	Resource    string `json:"resource"`
	Name        string `json:"name"`
	Category    string `json:"category"`
	Component   string `json:"component"`
	Region      string `json:"region"`
	Month       string `json:"month"`
	Quantity    string `json:"quantity"`
	Unit        string `json:"unit"`
	RateUSD     string `json:"rate_usd"`
	CostUSD     string `json:"cost_usd"`
	Approximate bool   `json:"approximate"`
}

// CostPoint is the running total at a simulated time.
type CostPoint struct {
	TS       float64 `json:"t_s"`
	TotalUSD string  `json:"total_usd"`
}

// EventJSON is one event of the log.
type EventJSON struct {
	TS       float64 `json:"t_s"`
	Kind     string  `json:"kind"`
	Action   string  `json:"action"`
	Resource string  `json:"resource"`
	Name     string  `json:"name"`
	From     string  `json:"from"`
	To       string  `json:"to"`
	Error    string  `json:"error"`
	Message  string  `json:"message"`
	Region   string  `json:"region"`
	AZ       string  `json:"az"`
	Account  string  `json:"account"`
}

// Resources is the final state.
type Resources struct {
	Instances []InstanceJSON `json:"instances"`
	Images    []ImageJSON    `json:"images"`
	Snapshots []SnapshotJSON `json:"snapshots"`
	Volumes   []VolumeJSON   `json:"volumes"`
}

// InstanceJSON is an instance in the final state.
type InstanceJSON struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	State          string `json:"state"`
	Region         string `json:"region"`
	AZ             string `json:"az"`
	Type           string `json:"type"`
	ImageID        string `json:"image_id"`
	RootDeviceType string `json:"root_device_type"`
	StateReason    string `json:"state_reason"`
	PublicIP       string `json:"public_ip"`
}

// ImageJSON is an AMI owned by a scenario account.
type ImageJSON struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	ScenarioName   string   `json:"scenario_name"`
	Region         string   `json:"region"`
	State          string   `json:"state"`
	RootDeviceType string   `json:"root_device_type"`
	Public         bool     `json:"public"`
	SharedWith     []string `json:"shared_with"`
	SnapshotIDs    []string `json:"snapshot_ids"`
	Encrypted      bool     `json:"encrypted"`
}

// SnapshotJSON is a snapshot owned by a scenario account.
type SnapshotJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Region    string `json:"region"`
	State     string `json:"state"`
	SizeGiB   int    `json:"size_gib"`
	StoredGiB int    `json:"stored_gib"`
	Tier      string `json:"tier"`
	Encrypted bool   `json:"encrypted"`
	InUseBy   string `json:"in_use_by"` // a registered AMI backed by it (the first, if several), or ""
}

// VolumeJSON is an EBS volume.
type VolumeJSON struct {
	ID                  string `json:"id"`
	Name                string `json:"name"`
	AZ                  string `json:"az"`
	State               string `json:"state"`
	SizeGiB             int    `json:"size_gib"`
	Type                string `json:"type"`
	AttachedTo          string `json:"attached_to"`
	Device              string `json:"device"`
	DeleteOnTermination bool   `json:"delete_on_termination"`
}

// Report builds the run's report.
func (r *Run) Report() Report {
	w := r.World
	rep := Report{Scenario: r.Scenario.Name, Seed: r.Seed, EndS: w.Now().Seconds(), Events: []EventJSON{}}
	for _, e := range r.Records.All() {
		rep.Events = append(rep.Events, EventJSON{
			TS: e.T.Seconds(), Kind: string(e.Kind), Action: e.Action, Resource: e.Resource, Name: e.Name,
			From: e.From, To: e.To, Error: e.Error, Message: e.Message, Region: e.Region, AZ: e.AZ, Account: e.Account,
		})
	}
	rep.Resources = CollectResources(w)
	b := w.Bill()
	rep.Bill = billJSON(b, w.RunRate(), w.MonthAhead(), r.Series)
	rep.Bill.From, rep.Bill.To = w.Clock().At(0).Format(time.RFC3339), w.Clock().At(b.At).Format(time.RFC3339)
	rep.Bill.Waste = []WasteJSON{}
	for _, f := range w.Waste() {
		rep.Bill.Waste = append(rep.Bill.Waste, WasteJSON{Resource: f.Resource, Name: f.Name, Kind: string(f.Kind), Message: f.Message, MonthlyUSD: f.Monthly.String()})
	}
	return rep
}

func billJSON(b model.Bill, runRate model.Money, ahead model.MonthAhead, series []CostPoint) BillJSON {
	out := BillJSON{TotalUSD: b.Total.String(), RunRateUSD: runRate.String(),
		MonthAheadUSD: ahead.List.String(), MonthAheadAfterFreeUSD: ahead.AfterFreeTier.String(), Lines: []BillLineJSON{}, Series: series}
	if out.Series == nil {
		out.Series = []CostPoint{}
	}
	for _, l := range b.Lines {
		out.Lines = append(out.Lines, BillLineJSON{
			Resource: l.Resource, Name: l.Name, Category: string(l.Category), Component: l.Component, Region: l.Region,
			Month: l.Month, Quantity: l.Quantity(), Unit: string(l.Unit), RateUSD: l.Rate.String(), CostUSD: l.Cost.String(),
			Approximate: l.Approximate,
		})
	}
	return out
}

// CollectResources lists the world's resources in report form.
func CollectResources(w *model.World) Resources {
	res := Resources{Instances: []InstanceJSON{}, Images: []ImageJSON{}, Snapshots: []SnapshotJSON{}, Volumes: []VolumeJSON{}}
	for _, i := range w.Instances() {
		res.Instances = append(res.Instances, InstanceJSON{
			ID: i.ID, Name: w.NameOf(i.ID), State: string(i.State), Region: i.Region, AZ: i.AZ, Type: i.Type,
			ImageID: i.ImageID, RootDeviceType: i.RootDeviceType, StateReason: i.StateReason.Message, PublicIP: i.PublicIP,
		})
	}
	for _, im := range w.Images() {
		shared := []string{}
		shared = append(shared, im.LaunchPermissions...)
		snaps := []string{}
		snaps = append(snaps, im.SnapshotIDs()...)
		res.Images = append(res.Images, ImageJSON{
			ID: im.ID, Name: im.Name, ScenarioName: w.NameOf(im.ID), Region: im.Region, State: im.State,
			RootDeviceType: im.RootDeviceType, Public: im.Public, SharedWith: shared, SnapshotIDs: snaps, Encrypted: im.Encrypted(),
		})
	}
	for _, s := range w.Snapshots() {
		inUseBy := ""
		if by := w.SnapshotInUseBy(s.ID); len(by) > 0 {
			inUseBy = by[0] // the AMI InvalidSnapshot.InUse names
		}
		res.Snapshots = append(res.Snapshots, SnapshotJSON{
			ID: s.ID, Name: w.NameOf(s.ID), Region: s.Region, State: s.State, SizeGiB: s.VolumeSize,
			StoredGiB: s.StoredGiB, Tier: s.Tier, Encrypted: s.Encrypted, InUseBy: inUseBy,
		})
	}
	for _, v := range w.Volumes() {
		res.Volumes = append(res.Volumes, VolumeJSON{
			ID: v.ID, Name: w.NameOf(v.ID), AZ: v.AZ, State: v.State, SizeGiB: v.SizeGiB, Type: v.Type,
			AttachedTo: v.InstanceID, Device: v.Device, DeleteOnTermination: v.DeleteOnTermination,
		})
	}
	return res
}
