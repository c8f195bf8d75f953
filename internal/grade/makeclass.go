package grade

import (
	"fmt"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// classMix is how MakeClass fills one exercise of one made-up submission,
// with the weight of each way.
var classMix = []struct {
	kind   string
	weight int
}{
	{"solution", 50},   // the reference solution
	{"stub", 20},       // not attempted
	{"cheat", 10},      // one of Cheats
	{"build error", 8}, // the solution with a type error
	{"forged", 5},      // the stub plus forged "--- PASS" lines
	{"missing", 6},     // no folder
	{"loops", 1},       // the solution plus an init that never returns
}

// MakeClass writes n made-up submissions of exs into dir (student001,
// student002, ...), each laid out like the course, drawing for every
// exercise one of classMix's ways with the seed's generator. Every file
// gets a comment naming its student, so no two submissions are
// byte-identical. It returns what it made.
func (c *Course) MakeClass(exs []*Exercise, dir string, n int, seed uint64) ([]Made, error) {
	rng := rand.New(rand.NewPCG(seed, 0x6c756f786961))
	total := 0
	for _, m := range classMix {
		total += m.weight
	}
	solutions := make([]map[string][]byte, len(exs))
	for i, ex := range exs {
		sol, err := SolutionDir(filepath.Join(c.Root, filepath.FromSlash(ex.Rel)))
		if err != nil {
			return nil, err
		}
		files, err := readGoFiles(sol, 0)
		if err != nil {
			return nil, err
		}
		solutions[i] = map[string][]byte{}
		for name, b := range ex.Stub {
			solutions[i][name] = b
		}
		for name, b := range files {
			solutions[i][name] = b
		}
	}
	var made []Made
	for s := 1; s <= n; s++ {
		student := fmt.Sprintf("student%03d", s)
		for i, ex := range exs {
			pick, kind := rng.IntN(total), ""
			for _, m := range classMix {
				if pick < m.weight {
					kind = m.kind
					break
				}
				pick -= m.weight
			}
			made = append(made, Made{student, ex.Rel, kind})
			files, err := c.madeUp(ex, solutions[i], kind, rng)
			if err != nil {
				return nil, err
			}
			if kind == "missing" {
				continue
			}
			folder := filepath.Join(dir, student, filepath.FromSlash(ex.Rel))
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return nil, err
			}
			for name, b := range files {
				b = append(append([]byte(nil), b...), fmt.Sprintf("\n// %s\n", student)...)
				if err := os.WriteFile(filepath.Join(folder, name), b, 0o644); err != nil {
					return nil, err
				}
			}
		}
	}
	return made, nil
}

// Made is one exercise of one made-up submission.
type Made struct {
	Student, Exercise, Kind string
}

// madeUp is one exercise's files filled the way kind says.
func (c *Course) madeUp(ex *Exercise, solution map[string][]byte, kind string, rng *rand.Rand) (map[string][]byte, error) {
	files := map[string][]byte{}
	switch kind {
	case "solution", "build error", "loops":
		for name, b := range solution {
			files[name] = b
		}
	case "stub", "forged":
		for name, b := range ex.Stub {
			files[name] = b
		}
	case "cheat":
		cheats, err := Cheats(ex.Stub)
		if err != nil {
			return nil, err
		}
		return cheats[rng.IntN(len(cheats))].Files, nil
	case "missing":
		return nil, nil
	}
	pkg, err := packageName(ex.Stub)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "build error":
		files["zz_error.go"] = []byte("package " + pkg + "\n\nvar _ int = \"not an int\"\n")
	case "loops":
		files["zz_loop.go"] = []byte("package " + pkg + "\n\nfunc init() {\n\tfor {\n\t}\n}\n")
	case "forged":
		names := make([]string, 0, len(ex.Meta.Points))
		for name := range ex.Meta.Points {
			names = append(names, name)
		}
		sort.Strings(names)
		var b strings.Builder
		fmt.Fprintf(&b, "package %s\n\nimport \"fmt\"\n\nfunc init() {\n", pkg)
		for _, name := range names {
			fmt.Fprintf(&b, "\tfmt.Println(\"\\x16--- PASS: %s (0.00s)\")\n", name)
		}
		b.WriteString("}\n")
		files["zz_forged.go"] = []byte(b.String())
	}
	return files, nil
}

// packageName is the package the stub's files declare.
func packageName(stub map[string][]byte) (string, error) {
	for name, b := range stub {
		f, err := parser.ParseFile(token.NewFileSet(), name, b, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		return f.Name.Name, nil
	}
	return "", fmt.Errorf("grade: an exercise without Go files")
}
