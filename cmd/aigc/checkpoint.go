package main

import (
	"encoding/json"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// modelRecord is model.json, written beside a model's parameter files: enough
// to rebuild the networks for `aigc sample`.
type modelRecord struct {
	Model    string          `json:"model"` // the kind's name
	Steps    int             `json:"steps"` // the steps (a VAE: epochs) the saved parameters have taken
	Seed     uint64          `json:"seed"`
	Seconds  float64         `json:"seconds,omitempty"`
	Config   json.RawMessage `json:"config"`
	Measured map[string]any  `json:"measured,omitempty"`
}

// maxRecordBytes is the largest model.json readRecord reads: the records
// aigc train writes, losses of every step included, take kilobytes.
const maxRecordBytes = 16 << 20

// readRecord reads DIR/model.json.
func readRecord(dir string) (*modelRecord, error) {
	path := filepath.Join(dir, "model.json")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%v (is %s a folder written by aigc train KIND, for a KIND of %s?)", err, dir, kindNames(sampledKinds()))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxRecordBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxRecordBytes {
		return nil, fmt.Errorf("%s is larger than %d MB, more than any record aigc train writes", path, maxRecordBytes>>20)
	}
	var rec modelRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &rec, nil
}

// decodeConfig decodes the configuration model.json records into v, or,
// if inside is not empty, the field of that name in it (an E-GAN's
// configuration holds its plain GAN's).
func decodeConfig(dir string, rec *modelRecord, inside string, v any) error {
	path := filepath.Join(dir, "model.json")
	raw := rec.Config
	if inside != "" {
		var outer map[string]json.RawMessage
		if err := json.Unmarshal(raw, &outer); err != nil {
			return fmt.Errorf("%s: config: %v", path, err)
		}
		if raw = outer[inside]; raw == nil {
			return fmt.Errorf("%s: config has no %s", path, inside)
		}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: config: %v", path, err)
	}
	return checkConfig(path, v)
}

// writeRecord writes model.json atomically.
func writeRecord(dir, model string, steps int, seed uint64, seconds float64, config any, measured map[string]any) error {
	cfg, err := json.Marshal(config)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(modelRecord{Model: model, Steps: steps, Seed: seed, Seconds: seconds, Config: cfg, Measured: measured}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, "model.json"), append(b, '\n'), 0o644)
}

// checkpointed, if set (by tests), is called with the folder after every
// checkpoint taken during a run.
var checkpointed func(dir string)

// checkpointer saves a run's checkpoints into dir and keeps the first
// error, after which it saves no more; the run reports it at its end.
type checkpointer struct {
	dir string
	err error
}

// save calls write unless an earlier checkpoint failed.
func (c *checkpointer) save(write func() error) {
	if c.err != nil {
		return
	}
	if c.err = write(); c.err == nil && checkpointed != nil {
		checkpointed(c.dir)
	}
}

// writeFigure writes img to dir/name and says so.
func writeFigure(stdout io.Writer, dir, name string, img image.Image) error {
	path := filepath.Join(dir, name)
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}

// writeDigitGrid writes digits [N, 784] in [0, 1] to dir/name as a grid
// of cols, and says so.
func writeDigitGrid(stdout io.Writer, dir, name string, images *tensor.Tensor, cols int) error {
	n := images.Shape[0]
	grid, err := plot.ImageGrid(images.Reshape(n, 1, data.MNISTSide, data.MNISTSide), cols)
	if err != nil {
		return err
	}
	return writeFigure(stdout, dir, name, grid)
}

// writeJSON writes v, indented, to path atomically.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, append(b, '\n'), 0o644)
}
