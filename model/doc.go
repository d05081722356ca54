// Package model is the simulated EC2 world and its bill: regions and
// Availability Zones, instances and their six-state lifecycle, EBS and
// instance-store volumes, snapshots, AMIs and their launch permissions,
// accounts, KMS keys, key pairs, security groups, Data Lifecycle Manager
// policies, the faults AWS can inflict, and every cent each of them costs.
// It speaks EC2's own language: actions and parameters are named as in the
// EC2 API reference, and a failed call returns the error code AWS returns.
//
// # What it must not do
//
// The package is pure and deterministic. It does no I/O (the catalogue is
// embedded), never reads the wall clock (simulated time comes from sim),
// never uses the global math/rand source (one seeded sim.Rand per stream
// flows down from Config.Seed), starts no goroutines, and never lets map
// iteration order reach a result. The same Config and the same calls give
// the same world, event for event, and the same bill to the micro-dollar.
// A World is not safe for concurrent use: a driver that serves several
// clients holds one lock around it. A failed call changes nothing.
//
// The model knows nothing of scenario files, terminals or HTTP; those are the
// drivers' business (package scenarios and the drivers above it).
//
// # Where things live
//
//   - An action: write the method on *World in the file of the resource it
//     acts on (instances.go, images.go, storage.go, network.go, dlm.go,
//     faults.go), with its XInput and XOutput types named and tagged as the
//     API reference spells them, then add one line to the registry in
//     actions.go. Scenarios, the sandbox, explain and the server all find it
//     there; World.Call runs it and returns the typed output and error. Give
//     it an explanation in explain.go (a test fails until you do).
//   - An error code: one row in the table in errors.go (code, HTTP status,
//     AWS's fixed message if it has one, the explanation), then return it
//     with errf. The set only grows; nothing else lists codes.
//   - A resource field: the resource's struct in resources.go, and its
//     read-side copy in describe.go. What a scenario expression may read of
//     it is declared once, in the field tables of package scenarios
//     (scenarios/fields.go).
//   - A bill component: a price in catalog.yaml (with its source), its
//     lookup in the priceBook (prices.go), a component constant and its
//     display name in ledger.go, and a meter the ledger opens and closes
//     where the resource starts and stops costing money. The ledger holds no
//     World: it is handed the clock and the prices. Worked examples of the
//     arithmetic go in bill_test.go or ledger_test.go.
//   - A fact of the world (a region, a zone, an instance type, a public AMI,
//     a timing distribution, a price): catalog.yaml.
//
// Sources are cited by key (S1, S12…) from docs/sources.md; where AWS's
// sources disagree or say nothing, the choice made is in docs/decisions.md.
package model
