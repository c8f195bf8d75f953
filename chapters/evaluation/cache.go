package evaluation

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// CacheEnv names the environment variable that overrides the folder the
// trained classifier is kept in.
const CacheEnv = "AIGC_CACHE_DIR"

// architecture names the network's layout; it changes whenever
// NewClassifier does, so that a file of older weights is never loaded into
// a newer network.
const architecture = "conv5s2-32,bn,conv5s2-64,bn,fc128,fc10"

// CacheDir is where trained weights are kept: $AIGC_CACHE_DIR if set, else
// the user's cache folder's luoxia/ (~/.cache/luoxia on Linux).
func CacheDir() (string, error) {
	if d := os.Getenv(CacheEnv); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for the classifier's weights (set $%s): %v", CacheEnv, err)
	}
	return filepath.Join(d, "luoxia"), nil
}

// ClassifierInfo is what is recorded beside a cached classifier.
type ClassifierInfo struct {
	Config       ClassifierConfig `json:"config"`
	Architecture string           `json:"architecture"`
	TestAccuracy float64          `json:"test_accuracy"`
	Seconds      float64          `json:"seconds"`
}

// Key identifies a classifier by its architecture and configuration: the
// same key means the same weights.
func (c ClassifierConfig) Key() string {
	b, _ := json.Marshal(struct {
		A string
		C ClassifierConfig
	}{architecture, c})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// ClassifierPath is the file the classifier trained with cfg is kept in,
// under dir; its record is the same path with .json in place of .params.
func ClassifierPath(dir string, cfg ClassifierConfig) string {
	return filepath.Join(dir, "mnist-classifier-"+cfg.Key()+".params")
}

func infoPath(params string) string {
	return params[:len(params)-len(filepath.Ext(params))] + ".json"
}

// ErrNotTrained is returned by LoadClassifier when no classifier has been
// trained with the configuration yet (`aigc train classifier` does it).
var ErrNotTrained = errors.New("the evaluation classifier has not been trained yet")

// LoadClassifier reads the classifier trained with cfg from dir. When dir
// has none but the project ships one for cfg (the default configuration),
// it first puts the shipped one into dir. It returns an error wrapping
// ErrNotTrained when there is neither.
func LoadClassifier(dir string, cfg ClassifierConfig) (*Classifier, *ClassifierInfo, error) {
	path := ClassifierPath(dir, cfg)
	b, err := os.ReadFile(infoPath(path))
	if errors.Is(err, os.ErrNotExist) {
		ok, ierr := installShipped(dir, cfg)
		if ierr != nil {
			return nil, nil, fmt.Errorf("installing the shipped classifier into %s: %v", dir, ierr)
		}
		if !ok {
			return nil, nil, fmt.Errorf("%w: no %s (run: go run ./cmd/aigc train classifier)", ErrNotTrained, path)
		}
		b, err = os.ReadFile(infoPath(path))
	}
	if err != nil {
		return nil, nil, err
	}
	var info ClassifierInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", infoPath(path), err)
	}
	model := NewClassifier(tensor.NewRNG(0))
	if err := nn.Load(path, model); err != nil {
		return nil, nil, err
	}
	return model, &info, nil
}

// SaveClassifier keeps a trained classifier and its record in dir, each
// file written atomically, the record last: a record names weights that
// are complete.
func SaveClassifier(dir string, cfg ClassifierConfig, res *ClassifierResult) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := ClassifierPath(dir, cfg)
	if err := nn.Save(path, res.Model); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(ClassifierInfo{Config: cfg, Architecture: architecture, TestAccuracy: res.TestAccuracy, Seconds: res.Seconds}, "", "  ")
	if err != nil {
		return "", err
	}
	return path, atomicfile.WriteFile(infoPath(path), append(b, '\n'), 0o644)
}
