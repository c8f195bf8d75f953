package kernel

import (
	"encoding/json"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// check type-checks one file of Go source as package path, resolving
// imports among deps first and then the standard library.
func check(t *testing.T, path, src string, deps ...*types.Package) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importerFunc(func(p string) (*types.Package, error) {
		for _, d := range deps {
			if d.Path() == p {
				return d, nil
			}
		}
		return importer.Default().Import(p)
	})}
	pkg, err := conf.Check(path, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

const gonumPlot = `package plot
type Plot struct{ Title string }
`

const luoxiaPlot = `package plot

import gplot "example.com/gonum/plot"

const (
	Big   = 1 << 40
	Third = 1.0 / 3
	Name  = "grid"
	Typed int = 7
)

var Default = 3

func Render(p *gplot.Plot) int { return 0 }
func Map[T any](x T) T         { return x }

type Pair[T any] struct{ A, B T }

type Drawer interface {
	Draw(p *gplot.Plot, names ...string) (int, error)
	Reset()
}

type sealed interface{ seal() }
type Sealed interface{ seal() }

type Base struct{}
func (Base) Size() int   { return 1 }
func (*Base) Grow()      {}
type Canvas struct {
	Base
	W int
}
func (c Canvas) Draw() {}
`

func TestGenerateBindings(t *testing.T) {
	g := check(t, "example.com/gonum/plot", gonumPlot)
	l := check(t, "example.com/luoxia/plot", luoxiaPlot, g)
	src, skipped, err := GenerateBindings([]*types.Package{l, g})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	out := string(src)
	for _, want := range []string{
		`plot "example.com/gonum/plot"`,   // sorted by path: gonum's comes first...
		`plot2 "example.com/luoxia/plot"`, // ...and the second plot is renamed
		`imports.Packages.MergePackage("example.com/luoxia/plot", imports.PackageUnderlying{`,
		`"Big":     reflect.ValueOf(int64(plot2.Big)),`,
		`"Default": reflect.ValueOf(&plot2.Default).Elem(),`,
		`"Render":  reflect.ValueOf(plot2.Render),`,
		`"Typed":   reflect.ValueOf(plot2.Typed),`,
		`"Canvas": reflect.TypeOf((*plot2.Canvas)(nil)).Elem(),`,
		`"Big":   "int:1099511627776",`,
		`"Third": "float:1/3",`,
		`"Name":  "string:grid",`,
		`"Drawer": reflect.TypeOf((*P_plot2_Drawer)(nil)).Elem(),`,
		`Draw_  func(_ interface{}, a0 *plot.Plot, a1 ...string) (int, error)`,
		"func (P *P_plot2_Drawer) Draw(a0 *plot.Plot, a1 ...string) (int, error) {\n\treturn P.Draw_(P.Object, a0, a1...)\n}",
		"func (P *P_plot2_Drawer) Reset() {\n\tP.Reset_(P.Object)\n}",
		`"Canvas": {"Grow", "Size"},`,
		`"example.com/gonum/plot",`, // preloaded
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bindings lack %q", want)
		}
	}
	for _, unwanted := range []string{`"Map"`, `"Pair"`, `"sealed"`, `P_plot2_Sealed`, `"Typed":   "`} {
		if strings.Contains(out, unwanted) {
			t.Errorf("bindings contain %s", unwanted)
		}
	}
	var got []string
	for _, s := range skipped {
		got = append(got, s.String())
	}
	want := []string{
		"example.com/luoxia/plot.Map: generic function",
		"example.com/luoxia/plot.Pair: generic type",
		"example.com/luoxia/plot.Sealed: no proxy: method seal is unexported",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("skipped (-want +got):\n%s", d)
	}
	again, _, _ := GenerateBindings([]*types.Package{g, l})
	if string(again) != out {
		t.Error("the output depends on the order of the packages")
	}
	if t.Failed() {
		t.Logf("generated:\n%s", out)
	}
}

func TestSelfReferential(t *testing.T) {
	p := check(t, "example.com/graph", `package graph
type Node struct {
	Val      float64
	parents  []*Node
}
type Edge struct{ to *Vertex }
type Vertex struct{ out map[string]Edge }
type Walker interface{ Next() Walker }
type Flat struct {
	Val  float64
	next []any
	f    func(x float64) float64
}
type List []*Flat
`)
	got := SelfReferential([]*types.Package{p})
	want := []string{
		"graph.Edge -> field to *graph.Vertex -> graph.Vertex -> field out map[string]graph.Edge",
		"graph.Node -> field parents []*graph.Node",
		"graph.Vertex -> field out map[string]graph.Edge -> graph.Edge -> field to *graph.Vertex",
		"graph.Walker -> method Next",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestProjectIsBindable holds the project's exported API to what the
// notebook interpreter can use: no generics (they would be skipped) and no
// self-referential types (they break variables in cells).
func TestProjectIsBindable(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the project's packages")
	}
	pkgs, err := LoadPackages("go", "../..", BoundPatterns)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, p := range pkgs {
		paths[p.Path()] = true
	}
	for _, want := range []string{ProjectModule + "/lib/tensor", ProjectModule + "/lib/autograd", ProjectModule + "/chapters/foundations"} {
		if !paths[want] {
			t.Errorf("%s is not bound", want)
		}
	}
	if loops := SelfReferential(pkgs); len(loops) > 0 {
		t.Errorf("self-referential exported types:\n%s", strings.Join(loops, "\n"))
	}
	_, skipped, err := GenerateBindings(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range skipped {
		t.Errorf("notebooks cannot use %s", s)
	}
}

func TestPatchFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kernel.go")
	orig := "func runKernel() {\n\tdisplay := importPackage(ir, \"display\", \"display\")\n\tuse(display)\n}\n"
	if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second time finds it done
		if err := patchFile(path, preloadFix); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		if want := "func runKernel() {\n\tdisplay := importPackage(ir, \"display\", \"display\")\n\tpreloadLuoxia(ir)\n\tuse(display)\n}\n"; string(b) != want {
			t.Fatalf("pass %d: got\n%s", i+1, b)
		}
	}
	err := patchFile(path, jsonerFix)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "JSON_") {
		t.Errorf("patching text that is not there: got %v, want an error naming %s and the text", err, path)
	}
}

func TestWriteSpec(t *testing.T) {
	dir := t.TempDir()
	logos := t.TempDir()
	os.WriteFile(filepath.Join(logos, "logo-32x32.png"), []byte("png"), 0o644)
	path, err := WriteSpec(dir, "luoxia", "/opt/k/bin/kernel", logos)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "kernels", "luoxia", "kernel.json"); path != want {
		t.Errorf("spec written to %s, want %s", path, want)
	}
	var s Spec
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	want := Spec{Argv: []string{"/opt/k/bin/kernel", "{connection_file}"}, DisplayName: DisplayName, Language: "go",
		Env: map[string]string{"GODEBUG": "gotypesalias=0"}}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("kernel.json (-want +got):\n%s", d)
	}
	if _, err := os.Stat(filepath.Join(dir, "kernels", "luoxia", "logo-32x32.png")); err != nil {
		t.Error("the logo was not copied")
	}
	if _, err := WriteSpec(dir, "", "/bin/k", logos); err == nil {
		t.Error("an empty kernel name was accepted")
	}
}

func TestBuildRefusesAnotherModule(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/other\n"), 0o644)
	_, err := Build(Options{Root: root, Dir: t.TempDir(), JupyterDir: t.TempDir(), Name: "luoxia"})
	if err == nil || !strings.Contains(err.Error(), "example.com/other") || !strings.Contains(err.Error(), "go.mod") {
		t.Errorf("got %v, want an error naming the go.mod and its module", err)
	}
}
