package grade

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// alive reports whether pid is a running process (a zombie waiting to be
// reaped is not).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(f) > 0 && f[0] != "Z"
}

// pids reads the process ids a shell script printed, one a line.
func pids(t *testing.T, out []byte) []int {
	t.Helper()
	var ids []int
	for _, line := range strings.Fields(string(out)) {
		if id, err := strconv.Atoi(line); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("the script printed no process ids: %q", out)
	}
	return ids
}

// Nothing a graded process starts outlives it: not a child it waits for,
// not one it leaves behind when it exits, not one still running when the
// wall time kills it.
func TestNoProcessSurvives(t *testing.T) {
	scripts := map[string]struct {
		script   string
		timedOut bool
	}{
		"leaves a child behind":    {"sleep 300 & echo $!; sleep 300 & echo $!; exit 0", false},
		"killed at the wall time":  {"sleep 300 & echo $!; echo $$; sleep 300", true},
		"a grandchild in the back": {"sh -c 'sleep 300 & echo $!; sleep 300' & sleep 0.5; echo $!; exit 3", false},
	}
	for name, s := range scripts {
		fin, err := runLimited(t.TempDir(), nil, limits{wall: 2 * time.Second, output: 1 << 20}, nil, "/bin/sh", "-c", s.script)
		if err != nil {
			t.Fatal(err)
		}
		if fin.timedOut != s.timedOut {
			t.Errorf("%s: timed out %v, want %v", name, fin.timedOut, s.timedOut)
		}
		time.Sleep(100 * time.Millisecond) // for the kernel to finish the kill
		for _, pid := range pids(t, fin.output) {
			if alive(pid) {
				t.Errorf("%s: process %d survived grading", name, pid)
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	}
}

// Output past the cap stops the process; what is kept stays bounded.
func TestOutputCap(t *testing.T) {
	fin, err := runLimited(t.TempDir(), nil, limits{wall: 20 * time.Second, output: 1 << 20}, nil, "/bin/sh", "-c", "yes 0123456789")
	if err != nil {
		t.Fatal(err)
	}
	if !fin.outputExceeded || fin.timedOut || len(fin.output) > keptOutput {
		t.Errorf("exceeded %v, timed out %v, kept %d bytes: want stopped at the cap, at most %d kept", fin.outputExceeded, fin.timedOut, len(fin.output), keptOutput)
	}
}

// A realistic address-space limit lets a Go test binary start; the
// memory bomb under it is in cheats_test.go.
func TestMemoryLimitIsSet(t *testing.T) {
	if prlimitPath == "" {
		t.Skip("prlimit (util-linux) is not installed")
	}
	fin, err := runLimited(t.TempDir(), nil, limits{wall: 10 * time.Second, memory: 300 << 20, output: 1 << 20}, nil, "/bin/sh", "-c", "ulimit -v; ulimit -f")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(fin.output)); len(got) != 2 || got[0] != strconv.Itoa(300<<10) || got[1] != "0" {
		t.Errorf("the child's ulimit -v and -f are %q, want %d KiB and 0 blocks", got, 300<<10)
	}
}
