package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
)

// listed is the part of `go list -json` output the loader reads.
type listed struct {
	ImportPath string
	Name       string
	Export     string
	DepOnly    bool
	Error      *struct{ Err string }
}

// LoadPackages type-checks the non-main packages matching patterns in the
// module at dir, from the compiler's export data (`go list -export`), and
// returns them in the order go list gives.
func LoadPackages(goCmd, dir string, patterns []string) ([]*types.Package, error) {
	args := append([]string{"list", "-e", "-export", "-deps", "-json=ImportPath,Name,Export,DepOnly,Error"}, patterns...)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s in %s: %v\n%s", strings.Join(patterns, " "), dir, err, stderr.String())
	}
	exports := map[string]string{}
	var targets []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %v", err)
		}
		if p.Error != nil {
			return nil, fmt.Errorf("package %s does not build: %s", p.ImportPath, p.Error.Err)
		}
		exports[p.ImportPath] = p.Export
		if !p.DepOnly && p.Name != "main" {
			targets = append(targets, p.ImportPath)
		}
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("no importable packages match %s in %s", strings.Join(patterns, " "), dir)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok || file == "" {
			return nil, errors.New("no export data for " + path)
		}
		return os.Open(file)
	})
	pkgs := make([]*types.Package, 0, len(targets))
	for _, path := range targets {
		p, err := imp.Import(path)
		if err != nil {
			return nil, fmt.Errorf("reading the compiled package %s: %v", path, err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}
