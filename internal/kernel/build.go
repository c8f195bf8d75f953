package kernel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoxia/aigc/internal/atomicfile"
)

// The kernel is gophernotes v0.7.5 on a gomacro recent enough to read the
// Go 1.26 standard library. The proxy serves these exact versions; the
// checksum database does not know the gomacro pseudo-version, hence
// GONOSUMDB below.
const (
	gophernotesModule  = "github.com/gopherdata/gophernotes"
	gophernotesVersion = "v0.7.5"
	gomacroModule      = "github.com/cosmos72/gomacro"
	gomacroVersion     = "v0.0.0-20240506194242-2ff796e3da10"
	// That gomacro needs golang.org/x/tools: v0.14.0 does not compile on
	// Go 1.26 and v0.52.0 trips over type aliases; v0.40.0 works.
	toolsModule  = "golang.org/x/tools"
	toolsVersion = "v0.40.0"
	// ProjectModule is luoxia's module path, bound into the kernel.
	ProjectModule = "github.com/luoxia/aigc"
)

// BoundPatterns are the packages of the checkout compiled into the kernel:
// the library and the chapters' models. Commands, tests and exercises stay out.
var BoundPatterns = []string{"./lib/...", "./chapters/..."}

// Options says where to build the kernel and where to register it.
type Options struct {
	Root       string    // the checkout: a folder whose go.mod is ProjectModule
	Dir        string    // the build folder, kept between builds so rebuilds are warm
	JupyterDir string    // Jupyter data folder; the spec goes to JupyterDir/kernels/Name
	Name       string    // kernel name, as notebooks' metadata names it
	Go         string    // the go command
	Log        io.Writer // progress, one line per step
}

// Result is what Build made.
type Result struct {
	Binary  string    // the kernel executable
	Spec    string    // the kernel.json written
	Skipped []Skipped // exported names notebooks cannot use
}

// DisplayName is how Jupyter lists the kernel.
const DisplayName = "Go (luoxia)"

// Build writes gophernotes' sources with luoxia's bindings into o.Dir,
// compiles them with the installed Go, and registers the kernel.
func Build(o Options) (*Result, error) {
	if o.Go == "" {
		o.Go = "go"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return nil, err
	}
	if mod, err := modulePath(filepath.Join(root, "go.mod")); err != nil {
		return nil, err
	} else if mod != ProjectModule {
		return nil, fmt.Errorf("%s: module is %q, not %s: run aigc kernel from a luoxia checkout (or pass -root)", filepath.Join(root, "go.mod"), mod, ProjectModule)
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return nil, err
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GONOSUMDB="+gomacroModule)
	step := func(format string, args ...any) func() {
		start := time.Now()
		fmt.Fprintf(o.Log, format, args...)
		return func() { fmt.Fprintf(o.Log, " (%.1f s)\n", time.Since(start).Seconds()) }
	}

	done := step("kernel: fetching %s@%s", gophernotesModule, gophernotesVersion)
	gnDir, err := downloadModule(o.Go, dir, env, gophernotesModule+"@"+gophernotesVersion)
	if err != nil {
		return nil, err
	}
	if err := copyTree(gnDir, src); err != nil {
		return nil, err
	}
	if err := patchFile(filepath.Join(src, "x_package.go"), jsonerFix); err != nil {
		return nil, err
	}
	if err := patchFile(filepath.Join(src, "kernel.go"), preloadFix); err != nil {
		return nil, err
	}
	done()

	done = step("kernel: generating bindings for %s", strings.Join(BoundPatterns, " "))
	pkgs, err := LoadPackages(o.Go, root, BoundPatterns)
	if err != nil {
		return nil, err
	}
	if loops := SelfReferential(pkgs); len(loops) > 0 {
		return nil, fmt.Errorf("these exported types refer to themselves, which the notebook interpreter cannot pass between cells; keep the link as an interface value (any) instead:\n\t%s", strings.Join(loops, "\n\t"))
	}
	bindings, skipped, err := GenerateBindings(pkgs)
	if err != nil {
		return nil, err
	}
	if err := writeIfChanged(filepath.Join(src, "luoxia_bindings.go"), bindings); err != nil {
		return nil, err
	}
	done()

	done = step("kernel: resolving modules")
	gomod := filepath.Join(src, "go.mod")
	if err := copyFile(filepath.Join(gnDir, "go.mod"), gomod); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(src, "go.sum"))
	edits := [][]string{
		{"mod", "edit", "-godebug", "gotypesalias=0"},
		{"mod", "edit", "-require", gomacroModule + "@" + gomacroVersion},
		{"mod", "edit", "-require", toolsModule + "@" + toolsVersion},
		{"mod", "edit", "-require", ProjectModule + "@v0.0.0", "-replace", ProjectModule + "=" + root},
		{"mod", "tidy"},
	}
	for _, args := range edits {
		if err := run(o.Go, src, env, args...); err != nil {
			return nil, err
		}
	}
	done()

	done = step("kernel: compiling")
	bin := filepath.Join(dir, "bin", "luoxia-gophernotes")
	if err := run(o.Go, src, env, "build", "-o", bin, "."); err != nil {
		return nil, err
	}
	done()

	spec, err := WriteSpec(o.JupyterDir, o.Name, bin, filepath.Join(src, "kernel"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(o.Log, "kernel: registered %q (%s) in %s\n", o.Name, DisplayName, spec)
	return &Result{Binary: bin, Spec: spec, Skipped: skipped}, nil
}

// jsonerFix corrects gophernotes' proxy for display.JSONer, whose JSON
// method returns map[string]interface{} in the interface but string in the
// proxy; gomacro on Go 1.26 rejects the mismatch when the kernel starts.
var jsonerFix = [][2]string{
	{"JSON_  func(interface{}) string", "JSON_  func(interface{}) map[string]interface{}"},
	{"func (P *proxy_JSONer) JSON() string {", "func (P *proxy_JSONer) JSON() map[string]interface{} {"},
}

// preloadFix makes the kernel call preloadLuoxia (in the generated
// bindings) once its interpreter exists.
var preloadFix = [][2]string{
	{"\tdisplay := importPackage(ir, \"display\", \"display\")\n",
		"\tdisplay := importPackage(ir, \"display\", \"display\")\n\tpreloadLuoxia(ir)\n"},
}

// patchFile applies each (old, new) replacement to the file at path once;
// one already applied is skipped, one whose text is missing is an error.
func patchFile(path string, fixes [][2]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	for _, f := range fixes {
		if strings.Contains(s, f[1]) {
			continue
		}
		if !strings.Contains(s, f[0]) {
			return fmt.Errorf("%s: cannot find %q to correct: is this gophernotes %s?", path, f[0], gophernotesVersion)
		}
		s = strings.Replace(s, f[0], f[1], 1)
	}
	return writeIfChanged(path, []byte(s))
}

// downloadModule fetches mod@version into the module cache (a no-op when
// it is there) and returns its folder.
func downloadModule(goCmd, dir string, env []string, modVersion string) (string, error) {
	cmd := exec.Command(goCmd, "mod", "download", "-json", modVersion)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	json.Unmarshal(out, &info)
	if info.Error != "" {
		return "", fmt.Errorf("go mod download %s: %s", modVersion, info.Error)
	}
	if err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %v\n%s", modVersion, err, stderr.String())
	}
	return info.Dir, nil
}

// run runs the go command in dir, returning its output in the error.
func run(goCmd, dir string, env []string, args ...string) error {
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// modulePath reads the module line of a go.mod file.
func modulePath(gomod string) (string, error) {
	b, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}

// copyTree copies the regular files under from into to (module cache files
// are read-only; the copies are writable). Files already equal are left
// untouched so that the build cache stays warm.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeIfChanged(to, b)
}

// writeIfChanged writes b to path through a temporary file and a rename,
// unless path already holds exactly b.
func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, b, 0o644)
}
