// Command ec2sim is an educational simulator of Amazon EC2 instances and
// AMIs: scenarios replayed on a deterministic simulated clock, with the real
// API action names, error codes and a bill, and no AWS account needed.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
