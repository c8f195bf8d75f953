//go:build amd64 && !(cgo && openblas)

// The Go tool hands the .s files of a package that uses cgo to the C
// assembler, so this file (and gemm_amd64.go) step aside when openblas.go
// brings cgo in; that build multiplies with OpenBLAS anyway.

#include "textflag.h"

// One step of the 6x8 micro-kernel: load a row of 8 doubles of the packed B
// panel into Y0:Y1, then for each of the 6 rows of the packed A panel
// broadcast its element to all four lanes and fuse-multiply-add it into
// that row's two accumulators. The broadcasts alternate between Y2 and Y3
// so that one load need not wait for the FMAs reading the previous one.
// ao and bo are the byte offsets of this step's A and B elements.
#define KSTEP(ao, bo) \
	VMOVUPD      bo(DI), Y0          \
	VMOVUPD      bo+32(DI), Y1       \
	VBROADCASTSD ao(SI), Y2          \
	VFMADD231PD  Y0, Y2, Y4          \
	VFMADD231PD  Y1, Y2, Y5          \
	VBROADCASTSD ao+8(SI), Y3        \
	VFMADD231PD  Y0, Y3, Y6          \
	VFMADD231PD  Y1, Y3, Y7          \
	VBROADCASTSD ao+16(SI), Y2       \
	VFMADD231PD  Y0, Y2, Y8          \
	VFMADD231PD  Y1, Y2, Y9          \
	VBROADCASTSD ao+24(SI), Y3       \
	VFMADD231PD  Y0, Y3, Y10         \
	VFMADD231PD  Y1, Y3, Y11         \
	VBROADCASTSD ao+32(SI), Y2       \
	VFMADD231PD  Y0, Y2, Y12         \
	VFMADD231PD  Y1, Y2, Y13         \
	VBROADCASTSD ao+40(SI), Y3       \
	VFMADD231PD  Y0, Y3, Y14         \
	VFMADD231PD  Y1, Y3, Y15

// Write one row of the tile: C = beta·C + T (one rounding, an FMA), where T
// (lo:hi) already holds alpha·(A·B); then step DX to the next row of C.
#define ROWLOAD(lo, hi) \
	VMOVUPD     (DX), Y2             \
	VMOVUPD     32(DX), Y3           \
	VFMADD231PD Y1, Y2, lo           \
	VFMADD231PD Y1, Y3, hi           \
	VMOVUPD     lo, (DX)             \
	VMOVUPD     hi, 32(DX)           \
	ADDQ        R8, DX

// Write one row of the tile without reading C (beta = 0: C may hold NaN).
#define ROWSTORE(lo, hi) \
	VMOVUPD lo, (DX)                 \
	VMOVUPD hi, 32(DX)               \
	ADDQ    R8, DX

// func gemmKernelAVX2(k int, a, b, c []float64, ldc int, alpha, beta float64, load bool)
TEXT ·gemmKernelAVX2(SB), NOSPLIT, $0-105
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8                      // row stride of C in bytes

	// The 6x8 tile of C lives in twelve YMM registers, Y4..Y15: row i in
	// Y(4+2i) (columns 0-3) and Y(5+2i) (columns 4-7).
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15

	// Four steps of k per trip round the loop, then the remainder one by one.
	CMPQ CX, $4
	JLT  tail

loop4:
	KSTEP(0, 0)
	KSTEP(48, 64)
	KSTEP(96, 128)
	KSTEP(144, 192)
	ADDQ $192, SI                    // 4 steps x 6 doubles of A
	ADDQ $256, DI                    // 4 steps x 8 doubles of B
	SUBQ $4, CX
	CMPQ CX, $4
	JGE  loop4

tail:
	TESTQ CX, CX
	JZ    done

loop1:
	KSTEP(0, 0)
	ADDQ $48, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  loop1

done:
	// Scale the products by alpha.
	VBROADCASTSD alpha+88(FP), Y0
	VMULPD       Y0, Y4, Y4
	VMULPD       Y0, Y5, Y5
	VMULPD       Y0, Y6, Y6
	VMULPD       Y0, Y7, Y7
	VMULPD       Y0, Y8, Y8
	VMULPD       Y0, Y9, Y9
	VMULPD       Y0, Y10, Y10
	VMULPD       Y0, Y11, Y11
	VMULPD       Y0, Y12, Y12
	VMULPD       Y0, Y13, Y13
	VMULPD       Y0, Y14, Y14
	VMULPD       Y0, Y15, Y15

	MOVBQZX load+104(FP), AX
	TESTQ   AX, AX
	JZ      store

	VBROADCASTSD beta+96(FP), Y1
	ROWLOAD(Y4, Y5)
	ROWLOAD(Y6, Y7)
	ROWLOAD(Y8, Y9)
	ROWLOAD(Y10, Y11)
	ROWLOAD(Y12, Y13)
	ROWLOAD(Y14, Y15)
	VZEROUPPER
	RET

store:
	ROWSTORE(Y4, Y5)
	ROWSTORE(Y6, Y7)
	ROWSTORE(Y8, Y9)
	ROWSTORE(Y10, Y11)
	ROWSTORE(Y12, Y13)
	ROWSTORE(Y14, Y15)
	VZEROUPPER
	RET

// The AVX-512 kernel, gemmKernelAVX512, works like the AVX2 one above on a
// tile twice as wide, 6x16: each of the twelve accumulators Z4..Z15 holds
// eight doubles, so a row of B (16 doubles) is two ZMM loads and every
// FMA does twice the work. Each element of C still gets the products of
// its row of A and column of B added one k step at a time, in the same
// order and with the same fused roundings, so both kernels give the same
// bits.
#define KSTEP512(ao, bo) \
	VMOVUPD      bo(DI), Z0          \
	VMOVUPD      bo+64(DI), Z1       \
	VBROADCASTSD ao(SI), Z2          \
	VFMADD231PD  Z0, Z2, Z4          \
	VFMADD231PD  Z1, Z2, Z5          \
	VBROADCASTSD ao+8(SI), Z3        \
	VFMADD231PD  Z0, Z3, Z6          \
	VFMADD231PD  Z1, Z3, Z7          \
	VBROADCASTSD ao+16(SI), Z2       \
	VFMADD231PD  Z0, Z2, Z8          \
	VFMADD231PD  Z1, Z2, Z9          \
	VBROADCASTSD ao+24(SI), Z3       \
	VFMADD231PD  Z0, Z3, Z10         \
	VFMADD231PD  Z1, Z3, Z11         \
	VBROADCASTSD ao+32(SI), Z2       \
	VFMADD231PD  Z0, Z2, Z12         \
	VFMADD231PD  Z1, Z2, Z13         \
	VBROADCASTSD ao+40(SI), Z3       \
	VFMADD231PD  Z0, Z3, Z14         \
	VFMADD231PD  Z1, Z3, Z15

#define ROWLOAD512(lo, hi) \
	VMOVUPD     (DX), Z2             \
	VMOVUPD     64(DX), Z3           \
	VFMADD231PD Z1, Z2, lo           \
	VFMADD231PD Z1, Z3, hi           \
	VMOVUPD     lo, (DX)             \
	VMOVUPD     hi, 64(DX)           \
	ADDQ        R8, DX

#define ROWSTORE512(lo, hi) \
	VMOVUPD lo, (DX)                 \
	VMOVUPD hi, 64(DX)               \
	ADDQ    R8, DX

// func gemmKernelAVX512(k int, a, b, c []float64, ldc int, alpha, beta float64, load bool)
TEXT ·gemmKernelAVX512(SB), NOSPLIT, $0-105
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8

	// Row i of the tile in Z(4+2i) (columns 0-7) and Z(5+2i) (8-15).
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15

	CMPQ CX, $4
	JLT  tail512

loop4x512:
	KSTEP512(0, 0)
	KSTEP512(48, 128)
	KSTEP512(96, 256)
	KSTEP512(144, 384)
	ADDQ $192, SI                    // 4 steps x 6 doubles of A
	ADDQ $512, DI                    // 4 steps x 16 doubles of B
	SUBQ $4, CX
	CMPQ CX, $4
	JGE  loop4x512

tail512:
	TESTQ CX, CX
	JZ    done512

loop1x512:
	KSTEP512(0, 0)
	ADDQ $48, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  loop1x512

done512:
	VBROADCASTSD alpha+88(FP), Z0
	VMULPD       Z0, Z4, Z4
	VMULPD       Z0, Z5, Z5
	VMULPD       Z0, Z6, Z6
	VMULPD       Z0, Z7, Z7
	VMULPD       Z0, Z8, Z8
	VMULPD       Z0, Z9, Z9
	VMULPD       Z0, Z10, Z10
	VMULPD       Z0, Z11, Z11
	VMULPD       Z0, Z12, Z12
	VMULPD       Z0, Z13, Z13
	VMULPD       Z0, Z14, Z14
	VMULPD       Z0, Z15, Z15

	MOVBQZX load+104(FP), AX
	TESTQ   AX, AX
	JZ      store512

	VBROADCASTSD beta+96(FP), Z1
	ROWLOAD512(Z4, Z5)
	ROWLOAD512(Z6, Z7)
	ROWLOAD512(Z8, Z9)
	ROWLOAD512(Z10, Z11)
	ROWLOAD512(Z12, Z13)
	ROWLOAD512(Z14, Z15)
	VZEROUPPER
	RET

store512:
	ROWSTORE512(Z4, Z5)
	ROWSTORE512(Z6, Z7)
	ROWSTORE512(Z8, Z9)
	ROWSTORE512(Z10, Z11)
	ROWSTORE512(Z12, Z13)
	ROWSTORE512(Z14, Z15)
	VZEROUPPER
	RET

// axpy: y[j] = a·x[j] + y[j] for j < len(y), each with one fused
// multiply-add, so in every lane exactly what a micro-kernel's accumulator
// does with one k step. rows (gemm_rows.go) adds a product of one row
// this way, one k step at a time. AXPY is the body for registers A (a in
// every lane), R1 and R2 of LANES doubles, BYTES bytes: two registers a
// trip, then one, then the last few numbers one by one in the low lane;
// SI points at x, DI at y, and CX holds len(y).
#define AXPY(A, R1, R2, BYTES, LANES) \
axpytwo:                             \
	CMPQ         CX, $(2*LANES)      \
	JLT          axpyone             \
	VMOVUPD      (DI), R1            \
	VMOVUPD      BYTES(DI), R2       \
	VFMADD231PD  (SI), A, R1         \
	VFMADD231PD  BYTES(SI), A, R2    \
	VMOVUPD      R1, (DI)            \
	VMOVUPD      R2, BYTES(DI)       \
	ADDQ         $(2*BYTES), SI      \
	ADDQ         $(2*BYTES), DI      \
	SUBQ         $(2*LANES), CX      \
	JMP          axpytwo             \
axpyone:                             \
	CMPQ         CX, $LANES          \
	JLT          axpytail            \
	VMOVUPD      (DI), R1            \
	VFMADD231PD  (SI), A, R1         \
	VMOVUPD      R1, (DI)            \
	ADDQ         $BYTES, SI          \
	ADDQ         $BYTES, DI          \
	SUBQ         $LANES, CX          \
axpytail:                            \
	TESTQ        CX, CX              \
	JZ           axpydone            \
axpy1:                               \
	VMOVSD       (DI), X1            \
	VFMADD231SD  (SI), X0, X1        \
	VMOVSD       X1, (DI)            \
	ADDQ         $8, SI              \
	ADDQ         $8, DI              \
	DECQ         CX                  \
	JNZ          axpy1               \
axpydone:                            \
	VZEROUPPER                       \
	RET

// func axpyAVX512(a float64, x, y []float64)
TEXT ·axpyAVX512(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Z0
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
	AXPY(Z0, Z1, Z2, 64, 8)

// func axpyAVX2(a float64, x, y []float64)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-56
	VBROADCASTSD a+0(FP), Y0
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
	AXPY(Y0, Y1, Y2, 32, 4)

// func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET
