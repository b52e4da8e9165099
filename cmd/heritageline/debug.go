package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"
)

// startDebug serves Go's profiler on addr (DEBUG_ADDR, loopback only, checked
// by config) until the returned function is called. It has its own mux, so
// nothing of it is reachable through the webhook listener. It also samples
// one in mutexSampling contended locks for /debug/pprof/mutex.
func startDebug(addr string, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	runtime.SetMutexProfileFraction(mutexSampling)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	log.Info("profiler listening", "addr", ln.Addr().String())
	return func() { srv.Close(); runtime.SetMutexProfileFraction(0) }, nil
}

const mutexSampling = 20
