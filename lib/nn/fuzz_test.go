package nn

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func crc(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

// withCRC appends the checksum a reader expects, so the fuzzer starts from
// inputs that reach past the checksum check.
func withCRC(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(append([]byte(nil), b...), crc(b))
}

// FuzzLoad feeds arbitrary bytes to Read: it must return an error or
// succeed, never panic, and never allocate more than the input can fill
// (a header claiming 2³² tensors or a [65536, 65536, 65536] shape must be
// refused before any allocation).
func FuzzLoad(f *testing.F) {
	model := func() Module {
		rng := tensor.NewRNG(1)
		return NewSequential(NewLinear(2, 3, rng), NewBatchNorm(3))
	}
	valid := encoded(f, model())
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte{})
	f.Add([]byte(magic))
	header := binary.LittleEndian.AppendUint32([]byte(magic), FormatVersion)
	f.Add(withCRC(binary.LittleEndian.AppendUint32(header, 0xFFFFFFFF)))
	huge := binary.LittleEndian.AppendUint32(append([]byte(nil), header...), 1)
	huge = binary.LittleEndian.AppendUint32(huge, 1)
	huge = append(huge, 'x')
	huge = binary.LittleEndian.AppendUint32(huge, 3)
	for i := 0; i < 3; i++ {
		huge = binary.LittleEndian.AppendUint32(huge, 65536)
	}
	f.Add(withCRC(huge))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := model()
		if err := Read(bytes.NewReader(data), m); err != nil {
			return
		}
		// A file that reads must describe this model: writing the model
		// back and reading that again must work too.
		if err := Read(bytes.NewReader(encoded(t, m)), model()); err != nil {
			t.Fatalf("accepted a file whose model does not round-trip: %v", err)
		}
	})
}
