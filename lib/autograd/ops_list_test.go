package autograd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// exportedOps lists the package's exported functions that return a *Value
// built by an operation (leaf constructors excluded), by parsing its source.
func exportedOps(t *testing.T) []string {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	leaves := map[string]bool{"Param": true, "Const": true, "NoGrad": true, "Scalar": true}
	var names []string
	for _, p := range pkgs {
		for fname, f := range p.Files {
			if len(fname) > 8 && fname[len(fname)-8:] == "_test.go" {
				continue
			}
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv != nil || !fn.Name.IsExported() || leaves[fn.Name.Name] {
					continue
				}
				if r := fn.Type.Results; r != nil && len(r.List) == 1 {
					if star, ok := r.List[0].Type.(*ast.StarExpr); ok {
						if id, ok := star.X.(*ast.Ident); ok && id.Name == "Value" {
							names = append(names, fn.Name.Name)
						}
					}
				}
			}
		}
	}
	return names
}
