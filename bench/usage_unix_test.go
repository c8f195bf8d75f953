//go:build unix

package bench

import (
	"syscall"
	"testing"
	"time"
)

// usage is the process's CPU time and page faults at one moment.
//
// On a shared machine the wall-clock ns/op of a one-thread benchmark grows
// with whatever else runs; the CPU time the process itself used does not, so
// a benchmark can report both. Page faults are counted because they turned
// out to dominate PyTorch's step time here (see README.md): an allocator
// that hands memory back to the kernel and faults it in again pays for it on
// every step.
type usage struct {
	cpu    time.Duration
	faults int64
}

// startUsage records the usage before a benchmark's loop.
func startUsage() usage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return usage{}
	}
	return usage{
		cpu:    time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		faults: ru.Minflt + ru.Majflt,
	}
}

// report adds cpu-ms/op (user plus system time of all the process's
// threads, garbage collector included) and faults/op for the b.N operations
// since u was taken.
func (u usage) report(b *testing.B) {
	now := startUsage()
	n := float64(b.N)
	b.ReportMetric(float64(now.cpu-u.cpu)/1e6/n, "cpu-ms/op")
	b.ReportMetric(float64(now.faults-u.faults)/n, "faults/op")
}
