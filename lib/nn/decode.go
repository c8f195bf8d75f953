package nn

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// record is one tensor as read from a parameter file.
type record struct {
	name  string
	shape []int
	data  []float64
}

// decoder walks a parameter file held in memory. Every read first checks
// that enough bytes remain, so each size the file claims is bounded by the
// file's real length before anything is allocated for it.
type decoder struct {
	b   []byte
	off int
}

func (d *decoder) remaining() int { return len(d.b) - d.off }

// truncated is the error for a file that ends before what it announces.
func (d *decoder) truncated(what string, need int) error {
	return fmt.Errorf("file ends early (truncated?): %s needs %d bytes, %d remain", what, need, d.remaining())
}

func (d *decoder) u32(what string) (int, error) {
	if d.remaining() < 4 {
		return 0, d.truncated(what, 4)
	}
	v := binary.LittleEndian.Uint32(d.b[d.off:])
	d.off += 4
	return int(v), nil
}

// decode parses a whole parameter file: magic, version, tensors, checksum.
func decode(data []byte) (map[string]record, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		if len(data) < len(magic) && bytes.HasPrefix([]byte(magic), data) {
			return nil, fmt.Errorf("file ends early (truncated?): %d bytes, not even the %q header", len(data), magic)
		}
		head := data[:min(len(data), len(magic))]
		return nil, fmt.Errorf("not a luoxia parameter file: it starts with %q, not the magic %q", head, magic)
	}
	d := &decoder{b: data, off: len(magic)}
	version, err := d.u32("the format version")
	if err != nil {
		return nil, err
	}
	if version != FormatVersion {
		return nil, fmt.Errorf("unsupported format version %d (this build reads version %d)", version, FormatVersion)
	}
	count, err := d.u32("the tensor count")
	if err != nil {
		return nil, err
	}
	// The smallest tensor record (empty name, rank 0, one value) takes 16 bytes.
	if count > d.remaining()/16 {
		return nil, fmt.Errorf("file ends early (truncated?): it announces %d tensors but only %d bytes follow", count, d.remaining())
	}
	file := make(map[string]record, count)
	for i := 0; i < count; i++ {
		rec, err := d.record(i)
		if err != nil {
			return nil, err
		}
		if _, dup := file[rec.name]; dup {
			return nil, fmt.Errorf("the file holds two tensors named %q", rec.name)
		}
		file[rec.name] = rec
	}
	if err := d.checksum(); err != nil {
		return nil, err
	}
	return file, nil
}

// record reads tensor i: its name, its shape and its values.
func (d *decoder) record(i int) (record, error) {
	what := fmt.Sprintf("tensor %d", i)
	nameLen, err := d.u32(what + "'s name length")
	if err != nil {
		return record{}, err
	}
	if nameLen > maxNameLen {
		return record{}, fmt.Errorf("corrupt file: tensor %d's name is %d bytes long, more than %d", i, nameLen, maxNameLen)
	}
	if d.remaining() < nameLen {
		return record{}, d.truncated(what+"'s name", nameLen)
	}
	rec := record{name: string(d.b[d.off : d.off+nameLen])}
	d.off += nameLen
	what = fmt.Sprintf("tensor %d (%q)", i, rec.name)
	rank, err := d.u32(what + "'s rank")
	if err != nil {
		return record{}, err
	}
	if rank > maxRank {
		return record{}, fmt.Errorf("corrupt file: %s has %d axes, more than %d", what, rank, maxRank)
	}
	if d.remaining() < 4*rank {
		return record{}, d.truncated(what+"'s shape", 4*rank)
	}
	rec.shape = make([]int, rank)
	n := 1 // elements; kept no larger than the values the remaining bytes can hold
	limit := (d.remaining() - 4*rank) / 8
	for k := range rec.shape {
		rec.shape[k], _ = d.u32("")
		if rec.shape[k] != 0 && n > limit/rec.shape[k] {
			n = limit + 1 // more than can possibly follow
		} else {
			n *= rec.shape[k]
		}
	}
	if n > limit {
		return record{}, fmt.Errorf("file ends early (truncated?): %s has shape %v, more values than the %d bytes that remain", what, rec.shape, d.remaining())
	}
	rec.data = make([]float64, n)
	for k := range rec.data {
		rec.data[k] = math.Float64frombits(binary.LittleEndian.Uint64(d.b[d.off:]))
		d.off += 8
	}
	return rec, nil
}

// checksum checks that exactly the 4-byte CRC-32 remains and that it
// matches the CRC-32 of everything before it.
func (d *decoder) checksum() error {
	switch r := d.remaining(); {
	case r < 4:
		return d.truncated("the checksum", 4)
	case r > 4:
		return fmt.Errorf("corrupt file: %d unexpected byte(s) after the last tensor", r-4)
	}
	want := binary.LittleEndian.Uint32(d.b[d.off:])
	if got := crc32.ChecksumIEEE(d.b[:d.off]); got != want {
		return fmt.Errorf("checksum mismatch: the file records %08x but its contents sum to %08x (the file is corrupt)", want, got)
	}
	return nil
}
