package kernel

import (
	"go/types"
	"sort"
)

// SelfReferential lists the exported named types of pkgs whose structure
// refers back to themselves (through fields, exported or not, pointers,
// slices, maps, channels, function types or interface methods), each with
// the path that closes the loop, such as
//
//	autograd.Value -> field parents -> []*autograd.Value
//
// The notebook interpreter stands in a placeholder for such a type, and a
// cell that stores, say, a []*autograd.Value in a variable then fails with
// "value of type []*autograd.Value is not assignable to type
// []xreflect.Forward". Types the notebooks use must therefore not refer to
// themselves; a graph node keeps its neighbours as interface values instead.
func SelfReferential(pkgs []*types.Package) []string {
	var found []string
	for _, p := range pkgs {
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() || tn.IsAlias() {
				continue
			}
			n, ok := tn.Type().(*types.Named)
			if !ok {
				continue
			}
			if path := loopBack(n); path != "" {
				found = append(found, path)
			}
		}
	}
	sort.Strings(found)
	return found
}

// loopBack searches n's underlying type for n itself and returns the path
// that leads there, or "".
func loopBack(n *types.Named) string {
	qual := func(p *types.Package) string { return p.Name() }
	seen := map[types.Type]bool{}
	var walk func(t types.Type, path string) string
	walk = func(t types.Type, path string) string {
		t = types.Unalias(t)
		if nt, ok := t.(*types.Named); ok {
			if nt.Origin() == n.Origin() {
				return path
			}
			if seen[nt] {
				return ""
			}
			seen[nt] = true
			// Other named types count too: Value -> *Edge -> []*Value is a loop.
			return walk(nt.Underlying(), path+" -> "+types.TypeString(nt, qual))
		}
		if seen[t] {
			return ""
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Pointer:
			return walk(t.Elem(), path)
		case *types.Slice:
			return walk(t.Elem(), path)
		case *types.Array:
			return walk(t.Elem(), path)
		case *types.Chan:
			return walk(t.Elem(), path)
		case *types.Map:
			if s := walk(t.Key(), path); s != "" {
				return s
			}
			return walk(t.Elem(), path)
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				f := t.Field(i)
				if s := walk(f.Type(), path+" -> field "+f.Name()+" "+types.TypeString(f.Type(), qual)); s != "" {
					return s
				}
			}
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tup.Len(); i++ {
					if s := walk(tup.At(i).Type(), path); s != "" {
						return s
					}
				}
			}
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				m := t.Method(i)
				if s := walk(m.Type(), path+" -> method "+m.Name()); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(n.Underlying(), types.TypeString(n, qual))
}
