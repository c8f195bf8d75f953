package grade

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ModulePath is the course's Go module.
const ModulePath = "github.com/luoxia/aigc"

// Course is the trusted side of grading: a snapshot of the course tree's
// go.mod, go.sum and lib/ (the only project packages an exercise may
// import) in a private read-only folder, and of every exercise's points,
// graded tests and stub, read into memory before any submitted code runs.
// Nothing a submission holds, and nothing a running submission changes on
// disk, can alter what a Course grades against.
type Course struct {
	Root      string // the course tree, absolute
	work      string // the private folder: build root and per-exercise modules
	buildRoot string // work/root: go.mod, go.sum, lib/
	goMod     []byte
	binaries  binaries // test binaries built so far, by filesKey
}

// Exercise is one exercise of a Course, as read when the Course loaded it.
type Exercise struct {
	Rel      string            // the folder relative to the course root, with slashes
	Meta     Meta              // its exercise.json
	Tests    map[string][]byte // graded test files by name
	Stub     map[string][]byte // the course's own non-test Go files (the stub) by name
	Tampered string            // when the tests differ from the MANIFEST: which
}

// FindRoot returns the course tree holding dir: the nearest folder at or
// above dir whose go.mod declares the module ModulePath.
func FindRoot(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && modulePath(b) == ModulePath {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("grade: no course tree (a go.mod of module %s) at or above %s", ModulePath, dir)
		}
		d = parent
	}
}

func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// OpenCourse snapshots the course tree at root into a private folder. Call
// Close to remove it.
func OpenCourse(root string) (*Course, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	goMod, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("grade: the course tree: %w", err)
	}
	if modulePath(goMod) != ModulePath {
		return nil, fmt.Errorf("grade: %s is not the course tree: its module is not %s", filepath.Join(abs, "go.mod"), ModulePath)
	}
	work, err := os.MkdirTemp("", "aigc-grade-*")
	if err != nil {
		return nil, fmt.Errorf("grade: a private folder for grading: %w", err)
	}
	c := &Course{Root: abs, work: work, buildRoot: filepath.Join(work, "root"), goMod: goMod}
	if err := os.Mkdir(filepath.Join(work, "bin"), 0o755); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.snapshot(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// snapshot copies go.mod, go.sum and lib/ (without tests and testdata)
// into the build root and makes the copy read-only.
func (c *Course) snapshot() error {
	if err := os.MkdirAll(c.buildRoot, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		if err := copyFile(filepath.Join(c.Root, name), filepath.Join(c.buildRoot, name)); err != nil {
			return fmt.Errorf("grade: copying the course's %s: %w", name, err)
		}
	}
	lib := filepath.Join(c.Root, "lib")
	err := filepath.WalkDir(lib, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.Root, p)
		dst := filepath.Join(c.buildRoot, rel)
		switch {
		case d.IsDir() && d.Name() == "testdata":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case !d.Type().IsRegular() || strings.HasSuffix(p, "_test.go"):
			return nil
		}
		return copyFile(p, dst)
	})
	if err != nil {
		return fmt.Errorf("grade: copying the course's lib/: %w", err)
	}
	// lib/ uses a few of the course's internal packages (atomicfile);
	// they come along so that the copy builds as the course does.
	for _, pkg := range []string{"internal/atomicfile"} {
		dst := filepath.Join(c.buildRoot, filepath.FromSlash(pkg))
		if err := os.MkdirAll(dst, 0o755); err != nil {
			return err
		}
		files, err := readGoFiles(filepath.Join(c.Root, filepath.FromSlash(pkg)), 0)
		if err != nil {
			return err
		}
		for name, b := range files {
			if !strings.HasSuffix(name, "_test.go") {
				if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
					return err
				}
			}
		}
	}
	return setReadOnly(c.buildRoot)
}

// Close removes the Course's private folder.
func (c *Course) Close() error { return unlockAndRemove(c.work) }

// unlockAndRemove removes dir, giving back the write permission that
// setReadOnly took.
func unlockAndRemove(dir string) error {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// Load reads the exercise in dir, a folder of the course tree.
func (c *Course) Load(dir string) (*Exercise, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(c.Root, abs)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("grade: %s is not an exercise inside the course tree %s", dir, c.Root)
	}
	meta, err := ReadMeta(abs)
	if err != nil {
		return nil, err
	}
	ex := &Exercise{Rel: filepath.ToSlash(rel), Meta: meta, Tests: map[string][]byte{}, Stub: map[string][]byte{}}
	files, err := readGoFiles(abs, 0)
	if err != nil {
		return nil, err
	}
	for name, b := range files {
		if strings.HasSuffix(name, "_test.go") {
			ex.Tests[name] = b
		} else {
			ex.Stub[name] = b
		}
	}
	if len(ex.Tests) == 0 {
		return nil, fmt.Errorf("grade: %s holds no graded test files (*_test.go)", dir)
	}
	bad, err := tamperedFiles(abs, ex.Tests)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		ex.Tampered = "graded test file(s) differ from the manifest: " + strings.Join(bad, ", ")
	}
	return ex, nil
}

// tamperedFiles checks tests (the files as read, by name) against the
// MANIFEST at or above dir.
func tamperedFiles(dir string, tests map[string][]byte) ([]string, error) {
	manifest, base, err := findManifest(dir)
	if err != nil {
		return nil, err
	}
	want, err := ReadManifest(manifest)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(base, dir)
	if err != nil {
		return nil, err
	}
	prefix := filepath.ToSlash(rel) + "/"
	var bad []string
	for name, b := range tests {
		if want[prefix+name] != sum(b) {
			bad = append(bad, prefix+name)
		}
	}
	for name := range want {
		if strings.HasPrefix(name, prefix) && tests[strings.TrimPrefix(name, prefix)] == nil {
			bad = append(bad, name+" (missing)")
		}
	}
	sort.Strings(bad)
	return bad, nil
}

// readGoFiles reads the .go files directly in dir. Only regular files
// count: a symbolic link is refused, since it could point anywhere. A
// positive limit caps each file's size.
func readGoFiles(dir string, limit int64) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("grade: %w", err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() {
			return nil, fmt.Errorf("grade: %s is not a regular file (a link or device); submit the file itself", p)
		}
		if info, err := e.Info(); err == nil && limit > 0 && info.Size() > limit {
			return nil, fmt.Errorf("grade: %s is %d bytes, over the %d a submitted file may have", p, info.Size(), limit)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("grade: %w", err)
		}
		files[e.Name()] = b
	}
	return files, nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// setReadOnly takes write permission away from every file and folder below dir.
func setReadOnly(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Chmod(p, 0o444)
	})
	for i := len(dirs) - 1; i >= 0 && err == nil; i-- {
		err = os.Chmod(dirs[i], 0o555)
	}
	return err
}
