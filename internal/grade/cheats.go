package grade

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// A Cheat is a submission that does not do the exercise: the stub with
// every function's body replaced. An exercise whose tests give a cheat
// any points tests less than it claims.
type Cheat struct {
	Name  string            // "zero values", "a constant", "the input", "panic"
	Files map[string][]byte // the rewritten stub, by file name
}

// cheatKinds are the rewrites Cheats makes, in order.
var cheatKinds = []string{"zero values", "a constant", "the input", "panic"}

// Cheats rewrites the stub four ways: every function returns zero values;
// returns a constant (1 for numbers, true, "1", zero values otherwise);
// returns an argument of the result's type where there is one; or panics.
// "the input" is left out when no function has such an argument.
func Cheats(stub map[string][]byte) ([]Cheat, error) {
	var cheats []Cheat
	for _, kind := range cheatKinds {
		files := map[string][]byte{}
		used := false
		for name, src := range stub {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			b, u, err := rewriteBodies(name, src, kind)
			if err != nil {
				return nil, err
			}
			files[name], used = b, used || u
		}
		if kind == "the input" && !used {
			continue
		}
		cheats = append(cheats, Cheat{Name: kind, Files: files})
	}
	return cheats, nil
}

// rewriteBodies replaces the body of every function in src by kind's. It
// reports whether a "the input" body returned an argument.
func rewriteBodies(name string, src []byte, kind string) ([]byte, bool, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, false, fmt.Errorf("grade: cheating on %s: %w", name, err)
	}
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	usedInput := false
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil || fn.Name.Name == "init" {
			continue
		}
		body, u := cheatBody(fset, fn.Type, kind)
		usedInput = usedInput || u
		edits = append(edits, edit{fset.Position(fn.Body.Pos()).Offset, fset.Position(fn.Body.End()).Offset, body})
	}
	out := append([]byte(nil), src...)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = append(out[:e.from], append([]byte(e.text), out[e.to:]...)...)
	}
	out, err = dropUnusedImports(name, out)
	return out, usedInput, err
}

func exprText(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, fset, e)
	return b.String()
}

// cheatBody is the body a function of type ft gets under kind.
func cheatBody(fset *token.FileSet, ft *ast.FuncType, kind string) (string, bool) {
	if kind == "panic" {
		return `{ panic("not done") }`, false
	}
	var results []string
	if ft.Results != nil {
		for _, field := range ft.Results.List {
			for range max(1, len(field.Names)) {
				results = append(results, exprText(fset, field.Type))
			}
		}
	}
	if len(results) == 0 {
		return "{}", false
	}
	params := map[string]string{} // type -> the first argument of that type
	if ft.Params != nil {
		for _, field := range ft.Params.List {
			t := exprText(fset, field.Type)
			for _, n := range field.Names {
				if _, ok := params[t]; !ok && n.Name != "_" {
					params[t] = n.Name
				}
			}
		}
	}
	used := false
	values := make([]string, len(results))
	for i, t := range results {
		values[i] = "*new(" + t + ")"
		switch kind {
		case "a constant":
			switch {
			case t == "bool":
				values[i] = "true"
			case t == "string":
				values[i] = `"1"`
			case numeric[t]:
				values[i] = t + "(1)"
			}
		case "the input":
			if p, ok := params[t]; ok {
				values[i], used = p, true
			}
		}
	}
	return "{ return " + strings.Join(values, ", ") + " }", used
}

var numeric = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true,
}

// dropUnusedImports removes the imports src no longer uses, so that a
// rewritten stub still compiles.
func dropUnusedImports(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, fmt.Errorf("grade: cheating on %s: %w", name, err)
	}
	used := map[string]bool{"": true}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	type span struct{ from, to int }
	var cut []span
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		var unused []ast.Spec
		for _, s := range g.Specs {
			if spec := s.(*ast.ImportSpec); !used[importName(spec)] {
				unused = append(unused, s)
			}
		}
		if len(unused) == len(g.Specs) {
			cut = append(cut, span{fset.Position(g.Pos()).Offset, fset.Position(g.End()).Offset})
			continue
		}
		for _, s := range unused {
			cut = append(cut, span{fset.Position(s.Pos()).Offset, fset.Position(s.End()).Offset})
		}
	}
	sort.Slice(cut, func(i, j int) bool { return cut[i].from > cut[j].from })
	out := append([]byte(nil), src...)
	for _, c := range cut {
		out = append(out[:c.from], out[c.to:]...)
	}
	return out, nil
}

// importName is the name a file refers to an import by; "_" and "." are
// kept as used.
func importName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		if spec.Name.Name == "_" || spec.Name.Name == "." {
			return ""
		}
		return spec.Name.Name
	}
	path, _ := strconv.Unquote(spec.Path.Value)
	parts := strings.Split(path, "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = parts[len(parts)-2]
	}
	return last
}
