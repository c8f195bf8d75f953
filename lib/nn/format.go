package nn

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strings"

	"github.com/luoxia/aigc/lib/tensor"
)

// A parameter file holds every named tensor of a module (parameters and
// buffers) in this layout, all integers unsigned and little-endian:
//
//	magic    6 bytes   "LUOXIA"
//	version  uint32    FormatVersion
//	count    uint32    number of tensors
//	count times:
//	  nameLen  uint32, then nameLen bytes of name (UTF-8)
//	  rank     uint32, then rank dimensions as uint32
//	  data     Π dimensions float64 values (IEEE 754 bits), row-major
//	crc      uint32    CRC-32 (IEEE) of every byte before it
//
// Values are stored bit for bit, so a round trip restores them exactly.
// The checksum catches a file damaged on disk or in transfer; the version
// lets a later layout be told apart from this one.

// FormatVersion is the version of the parameter file layout that Write
// produces and Read accepts.
const FormatVersion = 1

const magic = "LUOXIA"

// Limits that a well-formed file never reaches; a reader checks them
// before allocating, so a corrupt header cannot ask for absurd memory.
const (
	maxNameLen = 1 << 12 // bytes in a tensor's name
	maxRank    = 16      // axes of a tensor
)

// Write encodes every tensor of m into w in the format above. It returns
// an error if two tensors share a name or one does not fit the format.
func Write(w io.Writer, m Module) error {
	if err := write(w, m); err != nil {
		return fmt.Errorf("nn: Write: %w", err)
	}
	return nil
}

// write is Write without the error prefix, shared with Save.
func write(w io.Writer, m Module) error {
	ps := m.Params()
	if err := checkNames(ps); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	sum := crc32.NewIEEE()
	out := io.MultiWriter(bw, sum) // everything but the checksum itself is summed
	var buf [4]byte
	putU32 := func(v int) {
		binary.LittleEndian.PutUint32(buf[:4], uint32(v))
		out.Write(buf[:4]) // errors surface at Flush: bufio keeps the first one
	}
	out.Write([]byte(magic))
	putU32(FormatVersion)
	putU32(len(ps))
	chunk := make([]byte, 8*1024)
	for _, p := range ps {
		putU32(len(p.Name))
		io.WriteString(out, p.Name)
		t := p.V.Data
		putU32(len(t.Shape))
		for _, d := range t.Shape {
			putU32(d)
		}
		for lo := 0; lo < len(t.Data); lo += len(chunk) / 8 {
			n := 0
			for _, v := range t.Data[lo:min(lo+len(chunk)/8, len(t.Data))] {
				binary.LittleEndian.PutUint64(chunk[n:], math.Float64bits(v))
				n += 8
			}
			out.Write(chunk[:n])
		}
	}
	binary.LittleEndian.PutUint32(buf[:4], sum.Sum32())
	bw.Write(buf[:4])
	return bw.Flush()
}

// checkNames reports tensors that Write cannot store: duplicate names, and
// names, ranks or sizes beyond the format's limits.
func checkNames(ps []Param) error {
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Name] {
			return fmt.Errorf("two tensors are named %q", p.Name)
		}
		seen[p.Name] = true
		if len(p.Name) > maxNameLen {
			return fmt.Errorf("tensor name %.40q... is %d bytes long, more than %d", p.Name, len(p.Name), maxNameLen)
		}
		shape := p.V.Data.Shape
		if len(shape) > maxRank {
			return fmt.Errorf("tensor %q has %d axes, more than %d", p.Name, len(shape), maxRank)
		}
		for _, d := range shape {
			if uint64(d) > math.MaxUint32 {
				return fmt.Errorf("tensor %q has shape %v, an axis too long for the format", p.Name, shape)
			}
		}
	}
	return nil
}

// Read decodes a parameter file from r and copies its tensors into m's,
// matching them by name. Nothing in m changes unless the whole file is
// sound and matches m exactly: the same names, each with the same shape.
func Read(r io.Reader, m Module) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("nn: Read: %w", err)
	}
	if err := readBytes(data, m); err != nil {
		return fmt.Errorf("nn: Read: %w", err)
	}
	return nil
}

// readBytes decodes data, checks it against m and, if all is well, copies
// the values into m's tensors.
func readBytes(data []byte, m Module) error {
	file, err := decode(data)
	if err != nil {
		return err
	}
	ps := m.Params()
	if err := checkNames(ps); err != nil {
		return fmt.Errorf("the model: %w", err)
	}
	inModel := map[string]bool{}
	var missing, extra []string
	for _, p := range ps {
		inModel[p.Name] = true
		if _, ok := file[p.Name]; !ok {
			missing = append(missing, p.Name)
		}
	}
	for _, rec := range file {
		if !inModel[rec.name] {
			extra = append(extra, rec.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("parameter(s) missing from the file: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		sortStrings(extra)
		return fmt.Errorf("the file has tensor(s) the model lacks: %s", strings.Join(extra, ", "))
	}
	for _, p := range ps {
		if rec := file[p.Name]; !tensor.EqualShape(rec.shape, p.V.Data.Shape) {
			return fmt.Errorf("parameter %q has shape %v in the file but %v in the model", p.Name, rec.shape, p.V.Data.Shape)
		}
	}
	for _, p := range ps {
		copy(p.V.Data.Data, file[p.Name].data)
	}
	return nil
}

// sortStrings sorts names (insertion sort: the lists are short), so that
// error messages do not depend on map order.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
