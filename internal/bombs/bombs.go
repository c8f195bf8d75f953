// Package bombs writes small files that declare or decompress to enormous
// sizes: a gzipped IDX file of zeros, a PNG of zeros far larger than it
// looks, a very long line of text. Tests feed them to luoxia's readers to
// check that each is refused with a clear error before memory is spent on
// it. The files are valid: only their sizes are hostile.
package bombs

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"io"
)

// chunk is how many zeros the compressor sees at a time.
const chunk = 1 << 20

var zeros = make([]byte, chunk)

// deflateZeros returns a raw DEFLATE stream (RFC 1951) of prefix followed
// by n zero bytes, not yet closed: the caller appends finalBlock. Once the
// compressor's output for a chunk of zeros repeats itself, the repeat is
// copied instead of recomputed, so a stream of gigabytes takes a fraction
// of a second to build.
func deflateZeros(prefix []byte, n int64) []byte {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression) // the level is valid
	w.Write(prefix)
	w.Write(zeros[:n%chunk])
	w.Flush()
	var prev []byte
	for left := n / chunk; left > 0; left-- {
		start := out.Len()
		w.Write(zeros)
		w.Flush() // ends byte-aligned, so blocks can be repeated as bytes
		block := out.Bytes()[start:]
		if bytes.Equal(block, prev) {
			for left--; left > 0; left-- {
				out.Write(block[:len(block):len(block)])
			}
			break
		}
		prev = append(prev[:0], block...)
	}
	return out.Bytes()
}

// finalBlock is an empty final DEFLATE block with fixed Huffman codes:
// BFINAL 1, BTYPE 01, end-of-block 0000000.
var finalBlock = []byte{0x03, 0x00}

// GzipZeros writes a gzip file (RFC 1952) that decompresses to prefix
// followed by n zero bytes, about a thousand times smaller than that.
func GzipZeros(w io.Writer, prefix []byte, n int64) error {
	crc := crc32.ChecksumIEEE(prefix)
	for left := n; left > 0; left -= chunk {
		crc = crc32.Update(crc, crc32.IEEETable, zeros[:min(left, chunk)])
	}
	var b bytes.Buffer
	b.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}) // deflate, no name, best compression, unknown OS
	b.Write(deflateZeros(prefix, n))
	b.Write(finalBlock)
	binary.Write(&b, binary.LittleEndian, crc)
	binary.Write(&b, binary.LittleEndian, uint32(int64(len(prefix))+n))
	_, err := w.Write(b.Bytes())
	return err
}

// IDXZeros writes a gzipped IDX file of unsigned bytes with dims, every
// element zero: dims [2730000 28 28] make 2.1 GB of pixels in 2 MB.
func IDXZeros(w io.Writer, dims []int) error {
	head := []byte{0, 0, 0x08, byte(len(dims))}
	n := int64(1)
	for _, d := range dims {
		head = binary.BigEndian.AppendUint32(head, uint32(d))
		n *= int64(d)
	}
	return GzipZeros(w, head, n)
}

// PNG writes a valid 8-bit grey PNG of width×height black pixels. Every
// row is a filter byte 0 and zeros, so the compressed pixels are tiny:
// 30000×30000 (900 MB once decoded) takes under a megabyte.
func PNG(w io.Writer, width, height int) error {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(width))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(height))
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // depth 8, grey, deflate, filter 0, no interlace
	writeChunk(&b, "IHDR", ihdr)
	raw := int64(height) * int64(width+1)
	a := adler32.New()
	for left := raw; left > 0; left -= chunk {
		a.Write(zeros[:min(left, chunk)])
	}
	idat := []byte{0x78, 0xda} // zlib: deflate, 32 KiB window, best compression
	idat = append(idat, deflateZeros(nil, raw)...)
	idat = append(idat, finalBlock...)
	idat = binary.BigEndian.AppendUint32(idat, a.Sum32())
	writeChunk(&b, "IDAT", idat)
	writeChunk(&b, "IEND", nil)
	_, err := w.Write(b.Bytes())
	return err
}

// writeChunk appends one PNG chunk: length, type, data, CRC of type and data.
func writeChunk(b *bytes.Buffer, typ string, data []byte) {
	binary.Write(b, binary.BigEndian, uint32(len(data)))
	start := b.Len()
	b.WriteString(typ)
	b.Write(data)
	binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(b.Bytes()[start:]))
}

// Line returns one line of n bytes, "a " repeated: n/2 words for a tokenizer.
func Line(n int) string {
	return string(bytes.Repeat([]byte("a "), n/2+1)[:n])
}
