package grade

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// limits bound one process that grading starts.
type limits struct {
	wall   time.Duration // killed after this long
	memory int64         // address-space limit in bytes (RLIMIT_AS), with no file writes (RLIMIT_FSIZE 0); 0 for neither
	output int64         // killed after printing this many bytes
}

// finished is what became of a limited process.
type finished struct {
	exitCode       int    // the process's exit status; -1 when a signal ended it
	timedOut       bool   // killed at the wall time
	outputExceeded bool   // killed at the output cap
	output         []byte // the first keptOutput bytes of stdout and stderr together
	memoryNote     string // why no memory limit was set, when none was
}

// prlimitPath is util-linux's prlimit, which sets the limits on itself and
// then executes the command, so the limits hold from the first instruction.
var prlimitPath, _ = exec.LookPath("prlimit")

// noPrlimit is why some limits cannot be set, when prlimit is missing.
const noPrlimit = "no memory or file-size limit can be set: the prlimit command (Debian's util-linux) is not on PATH"

// LimitsNote says which limits grading cannot set on this machine, or ""
// when it can set them all.
func LimitsNote() string {
	if prlimitPath == "" {
		return noPrlimit
	}
	return ""
}

// runLimited runs name with args in dir, with the environment env, in a
// process group of its own, under lim. onLine sees every line printed
// (stdout and stderr merged; lines over 64 KiB cut), as it is printed.
// When the process ends, for whatever reason, the whole group is killed,
// so nothing it started survives. A failure to start is an error.
func runLimited(dir string, env []string, lim limits, onLine func([]byte), name string, args ...string) (finished, error) {
	var fin finished
	argv := append([]string{name}, args...)
	if lim.memory > 0 {
		if prlimitPath == "" {
			fin.memoryNote = noPrlimit
		} else {
			argv = append([]string{prlimitPath,
				"--as=" + strconv.FormatInt(lim.memory, 10),
				"--fsize=0", // no file may grow: a test writes nothing to disk
				"--core=0", "--"}, argv...)
		}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = dir, env
	// Setpgid: the process and anything it starts share a group that one
	// kill(-pgid) ends. Pdeathsig: if the grader itself dies, so does the process.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	pr, pw, err := os.Pipe()
	if err != nil {
		return fin, err
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		pr.Close()
		pw.Close()
		return fin, err
	}
	pw.Close()
	pgid := cmd.Process.Pid
	killGroup := func() { syscall.Kill(-pgid, syscall.SIGKILL) }

	var mu sync.Mutex
	timer := time.AfterFunc(lim.wall, func() {
		mu.Lock()
		fin.timedOut = true
		mu.Unlock()
		killGroup()
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		exceeded := readCapped(pr, lim.output, onLine, &fin.output)
		if exceeded {
			mu.Lock()
			fin.outputExceeded = true
			mu.Unlock()
			killGroup()
		}
	}()
	werr := cmd.Wait()
	timer.Stop()
	killGroup()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // a writer outside the group holds the pipe
		pr.Close()
		<-done
	}
	pr.Close()
	mu.Lock()
	defer mu.Unlock()
	fin.exitCode = cmd.ProcessState.ExitCode()
	var exit *exec.ExitError
	if werr != nil && !errors.As(werr, &exit) {
		return fin, werr
	}
	return fin, nil
}

// readCapped reads r to its end, handing each line to onLine and keeping
// the first keptOutput bytes in kept. It reports whether more than limit
// bytes came, and stops reading then.
func readCapped(r io.Reader, limit int64, onLine func([]byte), kept *[]byte) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	var total int64
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		total += int64(len(chunk))
		if room := keptOutput - len(*kept); room > 0 {
			*kept = append(*kept, chunk[:min(room, len(chunk))]...)
		}
		if len(line) < 64<<10 {
			line = append(line, chunk[:min(64<<10-len(line), len(chunk))]...)
		}
		if err != bufio.ErrBufferFull {
			if len(line) > 0 && onLine != nil {
				onLine(bytes.TrimRight(line, "\r\n"))
			}
			line = line[:0]
		}
		if limit > 0 && total > limit {
			return true
		}
		if err != nil && err != bufio.ErrBufferFull {
			return false
		}
	}
}
