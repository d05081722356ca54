package awsapi

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Listen opens addr for the server. A served world has no authentication,
// so an address beyond loopback is refused unless allowRemote says
// otherwise; remote reports that case, for the caller to warn about.
func Listen(addr string, allowRemote bool) (ln net.Listener, remote bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, false, fmt.Errorf("--addr %q: %v", addr, err)
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil {
		loopback = ip.IsLoopback()
	}
	if !loopback && !allowRemote {
		return nil, false, fmt.Errorf("--addr %s is not a loopback address: anyone who reaches it would drive the world; add --allow-remote if that is what you want", addr)
	}
	ln, err = net.Listen("tcp", addr)
	return ln, !loopback, err
}

// tickEvery is how often the wall clock moves the simulated one.
const tickEvery = 200 * time.Millisecond

// Serve answers requests on ln until ctx is done, moving the simulated
// clock with the wall clock in between (Tick). It returns ctx's error after
// a graceful shutdown, or the error that stopped the listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	tick := time.NewTicker(tickEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			s.Tick()
		case err := <-served:
			return err
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			hs.Shutdown(shut)
			return ctx.Err()
		}
	}
}
