package sim

// Examples live in package sim itself so that no file here names the module path.

import "fmt"

func ExampleEngine() {
	e := NewEngine[string](Clock{})
	e.Schedule(15*Second+200, "first retry")
	e.After(5*Second, "warm-up done")
	e.Schedule(2*Day+Hour, "report")
	n := e.RunUntil(3*Day, func(_ *Engine[string], ev Event[string]) {
		fmt.Println(ev.At, ev.Payload)
	})
	fmt.Println(n, "fired; now", e.Now())
	// Output:
	// 00:00:05.000 warm-up done
	// 00:00:15.200 first retry
	// 2d 01:00:00.000 report
	// 3 fired; now 3d 00:00:00.000
}

func ExampleParseDist() {
	d, err := ParseDist("lognormal( median = 15s, p90 = 30s )")
	fmt.Println(d, err)
	r := NewRand(1, 0)
	fmt.Println(d.Sample(r).Compact(), d.Sample(r).Compact())

	_, err = ParseDist("normal(mean=30s)")
	fmt.Println(err)
	// Output:
	// lognormal(median=15s, p90=30s) <nil>
	// 42.487s 17.603s
	// sim: bad distribution "normal(mean=30s)": missing sd; want normal(mean=30s, sd=5s)
}
