package data

import (
	"bytes"
	"encoding/binary"
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// A 2x3 image of unsigned bytes, the shape of MNIST's files in miniature.
var tinyPixels = []byte{0, 128, 255, 1, 2, 3}

func TestReadIDXRoundTrip(t *testing.T) {
	raw := encodeIDX(IDXUint8, []int{2, 3}, tinyPixels)
	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"raw", raw},
		{"gzipped", gzipBytes(raw)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if x.Type != IDXUint8 || !reflect.DeepEqual(x.Dims, []int{2, 3}) || !bytes.Equal(x.Data, tinyPixels) {
				t.Fatalf("got type 0x%02x dims %v data %v, want 0x08 [2 3] %v", x.Type, x.Dims, x.Data, tinyPixels)
			}
			if x.Len() != 6 {
				t.Errorf("Len = %d, want 6", x.Len())
			}
			want := []float64{0, 128, 255, 1, 2, 3}
			if got := x.Float64s(); !reflect.DeepEqual(got, want) {
				t.Errorf("Float64s = %v, want %v", got, want)
			}
		})
	}
}

// Every element type IDX defines decodes to the values that were encoded,
// including negative integers and fractions.
func TestReadIDXElementTypes(t *testing.T) {
	be := binary.BigEndian
	i16 := make([]byte, 4)
	be.PutUint16(i16, uint16(0xFFFE)) // -2
	be.PutUint16(i16[2:], 300)
	i32 := make([]byte, 8)
	be.PutUint32(i32, uint32(0xFFFF_FFF9)) // -7
	be.PutUint32(i32[4:], 70000)
	f32 := make([]byte, 8)
	be.PutUint32(f32, math.Float32bits(-1.5))
	be.PutUint32(f32[4:], math.Float32bits(0.25))
	f64 := make([]byte, 16)
	be.PutUint64(f64, math.Float64bits(math.Pi))
	be.PutUint64(f64[8:], math.Float64bits(-1e300))
	for _, tc := range []struct {
		typ     byte
		payload []byte
		want    []float64
	}{
		{IDXUint8, []byte{200, 7}, []float64{200, 7}},
		{IDXInt8, []byte{200, 7}, []float64{-56, 7}},
		{IDXInt16, i16, []float64{-2, 300}},
		{IDXInt32, i32, []float64{-7, 70000}},
		{IDXFloat32, f32, []float64{-1.5, 0.25}},
		{IDXFloat64, f64, []float64{math.Pi, -1e300}},
	} {
		x, err := ReadIDX(bytes.NewReader(encodeIDX(tc.typ, []int{2}, tc.payload)))
		if err != nil {
			t.Errorf("type 0x%02x: %v", tc.typ, err)
			continue
		}
		if got := x.Float64s(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("type 0x%02x: Float64s = %v, want %v", tc.typ, got, tc.want)
		}
	}
}

// A dimension of size 0 is a valid, empty array.
func TestReadIDXEmpty(t *testing.T) {
	x, err := ReadIDX(bytes.NewReader(encodeIDX(IDXUint8, []int{0, 28, 28}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 0 || len(x.Data) != 0 || !reflect.DeepEqual(x.Dims, []int{0, 28, 28}) {
		t.Errorf("got dims %v, %d bytes", x.Dims, len(x.Data))
	}
}

func TestReadIDXErrors(t *testing.T) {
	valid := encodeIDX(IDXUint8, []int{2, 3}, tinyPixels)
	for _, tc := range []struct {
		name  string
		file  []byte
		parts []string
	}{
		{"empty", nil, []string{"truncated header", "4-byte magic", "found 0 bytes"}},
		{"short magic", []byte{0, 0, 8}, []string{"truncated header", "found 3 bytes"}},
		{"bad magic", []byte("<!DOCTYPE html>"), []string{"not an IDX file", "3c 21 44 4f", "two zero bytes"}},
		{"second magic byte", []byte{0, 1, 8, 1, 0, 0, 0, 1, 5}, []string{"not an IDX file", "00 01 08 01"}},
		{"unknown type", []byte{0, 0, 0x0A, 1, 0, 0, 0, 1, 5}, []string{"unsupported element type 0x0a", "0x08 unsigned byte"}},
		{"no dims", []byte{0, 0, 8, 0}, []string{"0 dimensions"}},
		{"truncated dims", valid[:9], []string{"truncated header", "2 dimensions need 8 bytes", "found 5"}},
		{"truncated data", valid[:len(valid)-2], []string{"truncated data", "[2 3]", "promise 6 bytes", "found 4"}},
		{"truncated gzipped data", gzipBytes(valid[:len(valid)-2]), []string{"truncated data", "promise 6 bytes", "found 4", "after gunzip"}},
		{"trailing data", append(append([]byte{}, valid...), 9), []string{"continues past the 6 bytes", "[2 3]"}},
		{"overflowing dims", encodeIDX(IDXFloat64, []int{1 << 31, 1 << 31, 1 << 31}, nil), []string{"promise more than 1073741824 bytes", "float64 (8 bytes each)"}},
		{"too big", encodeIDX(IDXUint8, []int{1 << 16, 1 << 16}, nil), []string{"[65536 65536]", "more than 1073741824 bytes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tc.file))
			if x != nil {
				t.Errorf("got a result %+v with the error", x)
			}
			wantErr(t, err, append([]string{"data: ReadIDX: "}, tc.parts...)...)
		})
	}
}

// A gzipped file whose compressed bytes were damaged fails (the gzip
// checksum catches it even when the IDX lengths still add up).
func TestReadIDXCorruptGzip(t *testing.T) {
	z := gzipBytes(encodeIDX(IDXUint8, []int{2, 3}, tinyPixels))
	z[len(z)-6] ^= 0xFF // inside the CRC-32 trailer
	_, err := ReadIDX(bytes.NewReader(z))
	wantErr(t, err, "gzip: invalid checksum")
}

// A header that promises nearly MaxIDXBytes but brings 10 bytes must fail
// without reserving the promised memory.
func TestReadIDXHugeClaimAllocatesLittle(t *testing.T) {
	huge := encodeIDX(IDXUint8, []int{MaxIDXBytes}, make([]byte, 10))
	for _, file := range [][]byte{huge, gzipBytes(huge)} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadIDX(bytes.NewReader(file))
		runtime.ReadMemStats(&after)
		wantErr(t, err, "truncated data", "promise 1073741824 bytes, found 10")
		if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
			t.Errorf("allocated %d bytes to read a 10-byte body", got)
		}
	}
}

func TestReadIDXFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.gz", gzipBytes(encodeIDX(IDXUint8, []int{6}, tinyPixels)))
	x, err := ReadIDXFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Data, tinyPixels) {
		t.Errorf("Data = %v, want %v", x.Data, tinyPixels)
	}

	bad := writeFile(t, dir, "bad", encodeIDX(IDXUint8, []int{7}, tinyPixels))
	_, err = ReadIDXFile(bad)
	wantErr(t, err, bad, "truncated data", "promise 7 bytes, found 6")

	missing := filepath.Join(dir, "nope.gz")
	_, err = ReadIDXFile(missing)
	wantErr(t, err, missing, "no such file")
}
