package grade

import (
	"fmt"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// allowedStd is the standard library a submission may import: computation
// and formatting only. Everything that reaches the process, the files, the
// network or the test framework (os, os/exec, syscall, unsafe, runtime,
// reflect, testing, net, embed, plugin, C) is refused, because a submission
// that can reach them can rewrite the grader's files or forge its report.
var allowedStd = map[string]bool{
	"bufio": true, "bytes": true, "cmp": true, "container/heap": true, "container/list": true,
	"container/ring": true, "encoding/binary": true, "errors": true, "fmt": true, "io": true,
	"iter": true, "maps": true, "math": true, "math/big": true, "math/bits": true,
	"math/cmplx": true, "math/rand": true, "math/rand/v2": true, "slices": true, "sort": true,
	"strconv": true, "strings": true, "sync": true, "time": true, "unicode": true,
	"unicode/utf8": true, "unicode/utf16": true,
}

// allowedTrees are the module packages a submission may import, each with
// the packages below it: the course's computational library and gonum.
// lib/data and lib/plot (which write files), and the course's solutions/,
// internal/ (the grader among them), cmd/ and exercises/ are not among them.
var allowedTrees = []string{
	ModulePath + "/lib/tensor", ModulePath + "/lib/autograd", ModulePath + "/lib/nn",
	ModulePath + "/lib/optim", ModulePath + "/lib/metrics", "gonum.org/v1/gonum",
}

// AllowedImports describes, for error messages and help, what a submission may import.
func AllowedImports() string {
	var std []string
	for p := range allowedStd {
		std = append(std, p)
	}
	sort.Strings(std)
	var trees []string
	for _, t := range allowedTrees {
		trees = append(trees, strings.TrimPrefix(t, ModulePath+"/")+"/...")
	}
	return strings.Join(std, ", ") + "; and " + strings.Join(trees, ", ")
}

func importAllowed(path string) bool {
	if allowedStd[path] {
		return true
	}
	for _, p := range allowedTrees {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// checkImports parses each submitted file and returns the first import
// that grading refuses, naming the file (rel/name) and the import
// (refused), or the first file that does not parse (broken).
func checkImports(rel string, files map[string][]byte) (refused, broken error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ImportsOnly)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", rel, name, err)
		}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil || !importAllowed(path) {
				return fmt.Errorf("%s/%s imports %s, which graded code may not import (allowed: %s)",
					rel, name, spec.Path.Value, AllowedImports()), nil
			}
		}
	}
	return nil, nil
}
