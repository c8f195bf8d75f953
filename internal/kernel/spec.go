package kernel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/luoxia/aigc/internal/atomicfile"
)

// Spec is Jupyter's kernel.json: how to start the kernel.
type Spec struct {
	Argv        []string          `json:"argv"`
	DisplayName string            `json:"display_name"`
	Language    string            `json:"language"`
	Env         map[string]string `json:"env,omitempty"`
}

// DefaultJupyterDir is the per-user Jupyter data folder, where `jupyter
// notebook` looks for kernels: $JUPYTER_DATA_DIR if set, else the
// platform's usual place.
func DefaultJupyterDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home folder to register the kernel in (pass -jupyter): %v", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// WriteSpec registers the kernel binary bin under jupyterDir/kernels/name,
// with the logos found in logoDir (if any), and returns kernel.json's path.
// The interpreter needs GODEBUG=gotypesalias=0 at run time as well as at
// build time: it does not understand go/types' alias nodes.
func WriteSpec(jupyterDir, name, bin, logoDir string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("empty kernel name")
	}
	dir := filepath.Join(jupyterDir, "kernels", name)
	s := Spec{
		Argv:        []string{bin, "{connection_file}"},
		DisplayName: DisplayName,
		Language:    "go",
		Env:         map[string]string{"GODEBUG": "gotypesalias=0"},
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "kernel.json")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := atomicfile.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return "", err
	}
	for _, logo := range []string{"logo-32x32.png", "logo-64x64.png"} {
		if b, err := os.ReadFile(filepath.Join(logoDir, logo)); err == nil {
			if err := writeIfChanged(filepath.Join(dir, logo), b); err != nil {
				return "", err
			}
		}
	}
	return path, nil
}
