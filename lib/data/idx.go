package data

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// IDX element types: the third byte of an IDX file's magic number.
const (
	IDXUint8   byte = 0x08 // unsigned byte (MNIST's pixels and labels)
	IDXInt8    byte = 0x09 // signed byte
	IDXInt16   byte = 0x0B // big-endian int16
	IDXInt32   byte = 0x0C // big-endian int32
	IDXFloat32 byte = 0x0D // big-endian IEEE 754 float32
	IDXFloat64 byte = 0x0E // big-endian IEEE 754 float64
)

// MaxIDXBytes is the most element data ReadIDX accepts from one file
// (1 GiB, about twenty times MNIST's training images). A header that
// promises more is refused before anything is allocated, so a corrupt or
// hostile header cannot make the reader reserve absurd amounts of memory.
const MaxIDXBytes = 1 << 30

// gzipMaxRatio bounds how many bytes one compressed byte can become:
// DEFLATE's longest match, 258 bytes, costs at least two bits.
const gzipMaxRatio = 1032

// IDX is one array read from an IDX file.
type IDX struct {
	// Type is the element type code, one of IDXUint8 ... IDXFloat64.
	Type byte
	// Dims lists the size of each dimension, outermost first
	// ([60000 28 28] for MNIST's training images).
	Dims []int
	// Data holds the elements exactly as stored: row-major, big-endian,
	// Len() elements of the type's size. For IDXUint8 it is the bytes
	// themselves (MNIST's pixels 0..255 and labels 0..9).
	Data []byte
}

// Len is the number of elements: the product of Dims.
func (x *IDX) Len() int {
	n := 1
	for _, d := range x.Dims {
		n *= d
	}
	return n
}

// Float64s decodes every element into a new slice of float64, row-major.
func (x *IDX) Float64s() []float64 {
	size, _, ok := idxType(x.Type)
	if !ok {
		panic(fmt.Sprintf("data: IDX.Float64s: unknown element type 0x%02x", x.Type))
	}
	n := x.Len()
	if len(x.Data) != n*size {
		panic(fmt.Sprintf("data: IDX.Float64s: %d bytes of data for dims %v of %d-byte elements (want %d)",
			len(x.Data), x.Dims, size, n*size))
	}
	out := make([]float64, n)
	b := x.Data
	be := binary.BigEndian
	for i := range out {
		switch x.Type {
		case IDXUint8:
			out[i] = float64(b[i])
		case IDXInt8:
			out[i] = float64(int8(b[i]))
		case IDXInt16:
			out[i] = float64(int16(be.Uint16(b[2*i:])))
		case IDXInt32:
			out[i] = float64(int32(be.Uint32(b[4*i:])))
		case IDXFloat32:
			out[i] = float64(math.Float32frombits(be.Uint32(b[4*i:])))
		case IDXFloat64:
			out[i] = math.Float64frombits(be.Uint64(b[8*i:]))
		}
	}
	return out
}

// idxType returns the size in bytes and the name of an element type code.
func idxType(t byte) (size int, name string, ok bool) {
	switch t {
	case IDXUint8:
		return 1, "unsigned byte", true
	case IDXInt8:
		return 1, "signed byte", true
	case IDXInt16:
		return 2, "int16", true
	case IDXInt32:
		return 4, "int32", true
	case IDXFloat32:
		return 4, "float32", true
	case IDXFloat64:
		return 8, "float64", true
	}
	return 0, "", false
}

// ReadIDX reads one IDX array from r, which must hold exactly one IDX file:
// data left over after the elements the header promises is an error (it
// usually means the dimensions are wrong). If the stream starts with the gzip
// magic bytes 1f 8b it is decompressed first, so .gz files need no special
// handling. Errors say what the header promised and what the stream held.
func ReadIDX(r io.Reader) (*IDX, error) {
	x, err := readIDX(r, -1, nil)
	if err != nil {
		return nil, fmt.Errorf("data: ReadIDX: %w", err)
	}
	return x, nil
}

// ReadIDXFile reads the IDX file (gzipped or not) at path; errors name the
// path. Besides ReadIDX's checks, the header's promise is compared with the
// file's size before the data is read: a plain file must hold the promised
// bytes, and a gzipped one must be large enough to decompress to them.
func ReadIDXFile(path string) (*IDX, error) {
	return readIDXFile(path, nil)
}

// readIDXFile is ReadIDXFile with a check of the header's element type and
// dims, made before any data is read; check may be nil.
func readIDXFile(path string, check func(typ byte, dims []int) error) (*IDX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err) // *PathError already names the path
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	x, err := readIDX(f, info.Size(), check)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	return x, nil
}

// readIDX does ReadIDX's work; its errors carry no prefix so the callers can
// add the path or the function name. size is the stream's length in bytes,
// or -1 if it is not known; check, if not nil, vets the header.
func readIDX(r io.Reader, size int64, check func(typ byte, dims []int) error) (*IDX, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(2); err == nil && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip header: %w", err)
		}
		defer zr.Close()
		room := int64(-1)
		if size >= 0 {
			room = size * gzipMaxRatio
		}
		return parseIDX(zr, " (after gunzip)", room, check)
	}
	return parseIDX(br, "", size, check)
}

// parseIDX reads the header, checks it, then reads the promised elements.
// where is added to messages about the stream's length. room is the most
// bytes the stream can hold, header included (-1: unknown); a header that
// promises more is refused before the data is read. check, if not nil,
// vets the element type and dims at the same point.
func parseIDX(r io.Reader, where string, room int64, check func(typ byte, dims []int) error) (*IDX, error) {
	var magic [4]byte
	if n, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, shortRead(err, "header", "an IDX file starts with a 4-byte magic number, found %d bytes%s", n, where)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, fmt.Errorf("not an IDX file: magic number % x%s should start with two zero bytes", magic, where)
	}
	typ, ndims := magic[2], int(magic[3])
	size, name, ok := idxType(typ)
	if !ok {
		return nil, fmt.Errorf("unsupported element type 0x%02x in magic number % x (IDX defines 0x08 unsigned byte, 0x09 signed byte, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64)", typ, magic)
	}
	if ndims == 0 {
		return nil, fmt.Errorf("magic number % x declares 0 dimensions (want at least 1)", magic)
	}

	raw := make([]byte, 4*ndims)
	if n, err := io.ReadFull(r, raw); err != nil {
		return nil, shortRead(err, "header", "%d dimensions need %d bytes of sizes after the magic number % x, found %d%s", ndims, len(raw), magic, n, where)
	}
	dims := make([]int, ndims)
	var total uint64 = uint64(size) // bytes of element data; stays <= MaxIDXBytes
	hasZero := false
	for i := range dims {
		d := binary.BigEndian.Uint32(raw[4*i:])
		dims[i] = int(d)
		if d == 0 {
			hasZero = true
		}
	}
	if hasZero {
		total = 0
	} else {
		for _, d := range dims {
			if uint64(d) > MaxIDXBytes/total {
				return nil, fmt.Errorf("header's dims %v of %s (%d bytes each) promise more than %d bytes of data: refusing (corrupt header?)", dims, name, size, int64(MaxIDXBytes))
			}
			total *= uint64(d)
		}
	}

	if head := int64(4 + 4*ndims); room >= 0 && int64(total) > room-head {
		if where == "" {
			return nil, fmt.Errorf("truncated data: the header's dims %v of %s (%d bytes each) promise %d bytes, found %d (the file's size after its %d-byte header)", dims, name, size, total, max(room-head, 0), head)
		}
		return nil, fmt.Errorf("truncated data: the header's dims %v of %s (%d bytes each) promise %d bytes, more than the compressed file can hold (%d bytes, at most %d times that once decompressed)", dims, name, size, total, room/gzipMaxRatio, gzipMaxRatio)
	}
	if check != nil {
		if err := check(typ, dims); err != nil {
			return nil, err
		}
	}
	data, err := readFull(r, int(total))
	if err != nil {
		return nil, shortRead(err, "data", "the header's dims %v of %s (%d bytes each) promise %d bytes, found %d%s", dims, name, size, total, len(data), where)
	}
	// The stream must end here. Reading to the end also makes a gzip reader
	// verify its checksum, which catches corruption inside the data.
	var extra [1]byte
	if n, err := io.ReadFull(r, extra[:]); n > 0 {
		return nil, fmt.Errorf("data continues past the %d bytes the header's dims %v of %s promise (wrong dims, or two files joined?)", total, dims, name)
	} else if err != io.EOF {
		return nil, fmt.Errorf("after the data: %w", err)
	}
	return &IDX{Type: typ, Dims: dims, Data: data}, nil
}

// shortRead reports a failed read of part ("header" or "data"). When the
// stream simply ended, the message is "truncated part: promised so much,
// found so little"; any other failure (a corrupt gzip stream, a disk error)
// is wrapped after the same context.
func shortRead(err error, part, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated %s: %s", part, msg)
	}
	return fmt.Errorf("reading %s: %s: %w", part, msg, err)
}

// readFull reads exactly n bytes. Rather than trusting n and allocating it at
// once, it grows its buffer as data actually arrives, so a header that
// promises far more than the stream holds costs at most twice what the
// stream really held. On a short stream it returns what it read and the error.
func readFull(r io.Reader, n int) ([]byte, error) {
	const first = 1 << 16
	buf := make([]byte, 0, min(n, first))
	for len(buf) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, 2*cap(buf)))
			copy(grown, buf)
			buf = grown
		}
		m, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}
