package book

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestExpandIncludes(t *testing.T) {
	root := write(t, map[string]string{
		"lib/x/x.go": "package x\n\n// ANCHOR: f\nfunc f() {\n\t// ANCHOR: inner\n\tg()\n\t// ANCHOR_END: inner\n}\n// ANCHOR_END: f\n",
	})
	page := filepath.Join(root, "chapters", "one", "README.md")
	cases := []struct{ arg, want string }{
		{"../../lib/x/x.go:f", "func f() {\n\tg()\n}"},
		{"../../lib/x/x.go:inner", "\tg()"},
		{"../../lib/x/x.go:1", "package x"},
		{"../../lib/x/x.go:3:4", "// ANCHOR: f\nfunc f() {"},
		{"../../lib/x/x.go:8:", "}\n// ANCHOR_END: f"},
	}
	for _, c := range cases {
		got, err := expandIncludes(page, "```go\n{{#include "+c.arg+"}}\n```")
		if err != nil {
			t.Fatalf("%s: %v", c.arg, err)
		}
		if want := "```go\n" + c.want + "\n```"; got != want {
			t.Errorf("%s: got %q, want %q", c.arg, got, want)
		}
	}
	for _, arg := range []string{"../../lib/x/nope.go", "../../lib/x/x.go:nope"} {
		_, err := expandIncludes(page, "a\n{{#include "+arg+"}}\n")
		if err == nil || !strings.Contains(err.Error(), "README.md:2:") {
			t.Errorf("%s: error %v, want one at README.md:2", arg, err)
		}
	}
}
