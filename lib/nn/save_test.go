package nn

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// saveModel is a small model with parameters and buffers, whose running
// statistics have moved away from their initial values.
func saveModel(seed uint64) *Sequential {
	rng := tensor.NewRNG(seed)
	m := NewSequential(NewLinear(3, 4, rng), NewBatchNorm(4), ReLU{}, NewLinear(4, 2, rng))
	m.Forward(autograd.Const(tensor.RandN(rng, 8, 3))) // training mode: updates the running statistics
	return m
}

// sameTensors fails unless a and b hold the same names with bitwise equal values.
func sameTensors(t *testing.T, a, b Module) {
	t.Helper()
	pa, pb := a.Params(), b.Params()
	if len(pa) != len(pb) {
		t.Fatalf("%d tensors against %d", len(pa), len(pb))
	}
	for i := range pa {
		if pa[i].Name != pb[i].Name || !equalInts(pa[i].V.Shape(), pb[i].V.Shape()) {
			t.Fatalf("tensor %d: %s %v against %s %v", i, pa[i].Name, pa[i].V.Shape(), pb[i].Name, pb[i].V.Shape())
		}
		for k, v := range pa[i].V.Data.Data {
			if math.Float64bits(v) != math.Float64bits(pb[i].V.Data.Data[k]) {
				t.Fatalf("%s[%d]: %v against %v", pa[i].Name, k, v, pb[i].V.Data.Data[k])
			}
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.bin")
	saved := saveModel(1)
	if err := Save(path, saved); err != nil {
		t.Fatal(err)
	}
	loaded := saveModel(2) // different weights and running statistics
	if err := Load(path, loaded); err != nil {
		t.Fatal(err)
	}
	sameTensors(t, saved, loaded)
	// Saving again replaces the file; no temporary file is left either time.
	if err := Save(path, loaded); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "model.bin" {
		t.Fatalf("directory holds %v, want just model.bin", entries)
	}
}

// Write and Read restore every bit, including -0, NaN payloads and ±Inf,
// whatever the order of the tensors in the file.
func TestWriteReadExactBits(t *testing.T) {
	l := NewLinear(2, 3, tensor.NewRNG(1))
	copy(l.W.Data.Data, []float64{math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-310, math.MaxFloat64})
	var buf bytes.Buffer
	if err := Write(&buf, l); err != nil {
		t.Fatal(err)
	}
	// A module listing the same tensors in the other order reads the same file.
	m := NewLinear(2, 3, tensor.NewRNG(2))
	swapped := swappedModule{m}
	if err := Read(&buf, swapped); err != nil {
		t.Fatal(err)
	}
	sameTensors(t, l, m)
}

type swappedModule struct{ l *Linear }

func (s swappedModule) Params() []Param { p := s.l.Params(); return []Param{p[1], p[0]} }

func encoded(t testing.TB, m Module) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.bin")
	wantErr(t, Load(path, saveModel(1)), "no parameter file", path)
}

// Every cut of a valid file, down to the empty file, is reported as truncated.
func TestReadTruncated(t *testing.T) {
	data := encoded(t, saveModel(1))
	for n := 0; n < len(data); n++ {
		err := Read(bytes.NewReader(data[:n]), saveModel(2))
		wantErr(t, err, "truncated")
	}
	path := filepath.Join(t.TempDir(), "cut.bin")
	os.WriteFile(path, data[:len(data)/2], 0o644)
	wantErr(t, Load(path, saveModel(2)), path, "truncated")
}

func TestReadBadMagicAndVersion(t *testing.T) {
	data := encoded(t, saveModel(1))
	bad := append([]byte("PYTORCH"), data[7:]...)
	wantErr(t, Read(bytes.NewReader(bad), saveModel(2)), "not a luoxia parameter file", `"PYTORC"`)
	wantErr(t, Read(bytes.NewReader([]byte("PK")), saveModel(2)), "not a luoxia parameter file")

	v2 := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(v2[len(magic):], 2)
	wantErr(t, Read(bytes.NewReader(v2), saveModel(2)), "unsupported format version 2", "reads version 1")
}

// Flipping any one bit of the values (or the checksum) is caught.
func TestReadChecksumMismatch(t *testing.T) {
	data := encoded(t, saveModel(1))
	for _, at := range []int{len(data) - 20, len(data) - 9, len(data) - 1} {
		bad := append([]byte(nil), data...)
		bad[at] ^= 0x10
		wantErr(t, Read(bytes.NewReader(bad), saveModel(2)), "checksum mismatch")
	}
	extra := append(append([]byte(nil), data...), 0)
	wantErr(t, Read(bytes.NewReader(extra), saveModel(2)), "1 unexpected byte(s)")
}

func TestReadMissingAndExtra(t *testing.T) {
	rng := tensor.NewRNG(1)
	small := NewSequential(NewLinear(3, 4, rng))
	big := NewSequential(NewLinear(3, 4, rng), ReLU{}, NewLinear(4, 2, rng))
	wantErr(t, Read(bytes.NewReader(encoded(t, small)), big), "missing from the file: 2.W, 2.b")
	wantErr(t, Read(bytes.NewReader(encoded(t, big)), small), "the model lacks: 2.W, 2.b")
}

func TestReadShapeMismatchLeavesModelUnchanged(t *testing.T) {
	rng := tensor.NewRNG(1)
	file := NewSequential(NewLinear(3, 4, rng), NewLinear(4, 2, rng))
	model := NewSequential(NewLinear(3, 4, rng), NewLinear(2, 4, rng))
	before := model.Layers[0].(*Linear).W.Data.Clone()
	err := Read(bytes.NewReader(encoded(t, file)), model)
	wantErr(t, err, `parameter "1.W"`, "[4 2] in the file", "[2 4] in the model")
	// Layer 0 matched, but nothing is copied unless everything matches.
	for i, v := range model.Layers[0].(*Linear).W.Data.Data {
		if v != before.Data[i] {
			t.Fatal("a failed Read changed the model")
		}
	}
}

// A model that cannot be written (two tensors with one name) makes Save
// fail without leaving the temporary file behind, and so does a rename
// that fails (the path is a directory).
func TestSaveFailureLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	l := NewLinear(2, 2, tensor.NewRNG(1))
	dup := dupModule{l}
	wantErr(t, Save(filepath.Join(dir, "dup.bin"), dup), "dup.bin", `two tensors are named "W"`)
	os.Mkdir(filepath.Join(dir, "taken"), 0o755)
	wantErr(t, Save(filepath.Join(dir, "taken"), l), "taken")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "taken" {
		t.Fatalf("directory holds %v, want only the directory taken", entries)
	}
	wantErr(t, Save(filepath.Join(dir, "no", "such", "dir.bin"), l), "dir.bin")
}

type dupModule struct{ l *Linear }

func (d dupModule) Params() []Param { return []Param{{Name: "W", V: d.l.W}, {Name: "W", V: d.l.B}} }

// A file with two tensors of one name is refused (it can only come from
// another writer: Write refuses to make one).
func TestReadDuplicateNames(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString(magic)
	u32 := func(v uint32) { binary.Write(&buf, binary.LittleEndian, v) }
	u32(FormatVersion)
	u32(2)
	for i := 0; i < 2; i++ {
		u32(1)
		buf.WriteString("x")
		u32(0)
		binary.Write(&buf, binary.LittleEndian, 1.5)
	}
	u32(crc(buf.Bytes()))
	wantErr(t, Read(&buf, NewLinear(1, 1, tensor.NewRNG(1))), `two tensors named "x"`)
}
