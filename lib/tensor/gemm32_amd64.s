//go:build amd64 && !(cgo && openblas)

// The float32 micro-kernels (gemm32.go): the float64 kernels of
// gemm_amd64.s with float32 panels. The tile's twelve accumulators hold
// float32 sums, twice as many a register, so the AVX-512 tile is 6x32 and
// the AVX2 one 6x16. At the end each accumulator is widened to float64
// (VCVTPS2PD), multiplied by alpha, added to beta·C with one fused
// multiply-add and stored: the float64 kernels' last step, on C in float64.

#include "textflag.h"

// One step of the 6x32 kernel: a row of 32 floats of the packed B panel
// in Z0:Z1, each of the 6 floats of the A panel broadcast in turn to
// Z2 or Z3 and fuse-multiply-added into its row's accumulators.
#define KSTEP32X512(ao, bo) \
	VMOVUPS      bo(DI), Z0          \
	VMOVUPS      bo+64(DI), Z1       \
	VBROADCASTSS ao(SI), Z2          \
	VFMADD231PS  Z0, Z2, Z4          \
	VFMADD231PS  Z1, Z2, Z5          \
	VBROADCASTSS ao+4(SI), Z3        \
	VFMADD231PS  Z0, Z3, Z6          \
	VFMADD231PS  Z1, Z3, Z7          \
	VBROADCASTSS ao+8(SI), Z2        \
	VFMADD231PS  Z0, Z2, Z8          \
	VFMADD231PS  Z1, Z2, Z9          \
	VBROADCASTSS ao+12(SI), Z3       \
	VFMADD231PS  Z0, Z3, Z10         \
	VFMADD231PS  Z1, Z3, Z11         \
	VBROADCASTSS ao+16(SI), Z2       \
	VFMADD231PS  Z0, Z2, Z12         \
	VFMADD231PS  Z1, Z2, Z13         \
	VBROADCASTSS ao+20(SI), Z3       \
	VFMADD231PS  Z0, Z3, Z14         \
	VFMADD231PS  Z1, Z3, Z15

// Widen one row of the tile, za (columns 0-15, whose low half is ya) and
// zb (16-31), to float64 in Z16..Z19, times alpha (Z0).
#define WIDEN512(za, ya, zb, yb) \
	VCVTPS2PD     ya, Z16            \
	VEXTRACTF64X4 $1, za, Y17        \
	VCVTPS2PD     Y17, Z17           \
	VCVTPS2PD     yb, Z18            \
	VEXTRACTF64X4 $1, zb, Y19        \
	VCVTPS2PD     Y19, Z19           \
	VMULPD        Z0, Z16, Z16       \
	VMULPD        Z0, Z17, Z17       \
	VMULPD        Z0, Z18, Z18       \
	VMULPD        Z0, Z19, Z19

// Write a widened row: C = beta·C + T (beta in Z1), one rounding.
#define ROWLOAD32X512 \
	VFMADD231PD (DX), Z1, Z16        \
	VFMADD231PD 64(DX), Z1, Z17      \
	VFMADD231PD 128(DX), Z1, Z18     \
	VFMADD231PD 192(DX), Z1, Z19     \
	ROWSTORE32X512

// Write a widened row without reading C (beta = 0: C may hold NaN).
#define ROWSTORE32X512 \
	VMOVUPD Z16, (DX)                \
	VMOVUPD Z17, 64(DX)              \
	VMOVUPD Z18, 128(DX)             \
	VMOVUPD Z19, 192(DX)             \
	ADDQ    R8, DX

// func gemmKernel32AVX512(k int, a, b []float32, c []float64, ldc int, alpha, beta float64, load bool)
TEXT ·gemmKernel32AVX512(SB), NOSPLIT, $0-105
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8

	// Row i of the tile in Z(4+2i) (columns 0-15) and Z(5+2i) (16-31).
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
	JLT  tail32x512

loop4x32x512:
	KSTEP32X512(0, 0)
	KSTEP32X512(24, 128)
	KSTEP32X512(48, 256)
	KSTEP32X512(72, 384)
	ADDQ $96, SI                     // 4 steps x 6 floats of A
	ADDQ $512, DI                    // 4 steps x 32 floats of B
	SUBQ $4, CX
	CMPQ CX, $4
	JGE  loop4x32x512

tail32x512:
	TESTQ CX, CX
	JZ    done32x512

loop1x32x512:
	KSTEP32X512(0, 0)
	ADDQ $24, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  loop1x32x512

done32x512:
	VBROADCASTSD alpha+88(FP), Z0
	MOVBQZX      load+104(FP), AX
	TESTQ        AX, AX
	JZ           store32x512

	VBROADCASTSD beta+96(FP), Z1
	WIDEN512(Z4, Y4, Z5, Y5)
	ROWLOAD32X512
	WIDEN512(Z6, Y6, Z7, Y7)
	ROWLOAD32X512
	WIDEN512(Z8, Y8, Z9, Y9)
	ROWLOAD32X512
	WIDEN512(Z10, Y10, Z11, Y11)
	ROWLOAD32X512
	WIDEN512(Z12, Y12, Z13, Y13)
	ROWLOAD32X512
	WIDEN512(Z14, Y14, Z15, Y15)
	ROWLOAD32X512
	VZEROUPPER
	RET

store32x512:
	WIDEN512(Z4, Y4, Z5, Y5)
	ROWSTORE32X512
	WIDEN512(Z6, Y6, Z7, Y7)
	ROWSTORE32X512
	WIDEN512(Z8, Y8, Z9, Y9)
	ROWSTORE32X512
	WIDEN512(Z10, Y10, Z11, Y11)
	ROWSTORE32X512
	WIDEN512(Z12, Y12, Z13, Y13)
	ROWSTORE32X512
	WIDEN512(Z14, Y14, Z15, Y15)
	ROWSTORE32X512
	VZEROUPPER
	RET

// One step of the 6x16 AVX2 kernel, as KSTEP32X512 with YMM registers of
// eight floats.
#define KSTEP32(ao, bo) \
	VMOVUPS      bo(DI), Y0          \
	VMOVUPS      bo+32(DI), Y1       \
	VBROADCASTSS ao(SI), Y2          \
	VFMADD231PS  Y0, Y2, Y4          \
	VFMADD231PS  Y1, Y2, Y5          \
	VBROADCASTSS ao+4(SI), Y3        \
	VFMADD231PS  Y0, Y3, Y6          \
	VFMADD231PS  Y1, Y3, Y7          \
	VBROADCASTSS ao+8(SI), Y2        \
	VFMADD231PS  Y0, Y2, Y8          \
	VFMADD231PS  Y1, Y2, Y9          \
	VBROADCASTSS ao+12(SI), Y3       \
	VFMADD231PS  Y0, Y3, Y10         \
	VFMADD231PS  Y1, Y3, Y11         \
	VBROADCASTSS ao+16(SI), Y2       \
	VFMADD231PS  Y0, Y2, Y12         \
	VFMADD231PS  Y1, Y2, Y13         \
	VBROADCASTSS ao+20(SI), Y3       \
	VFMADD231PS  Y0, Y3, Y14         \
	VFMADD231PS  Y1, Y3, Y15

// Widen eight columns of a row, the accumulator y (low half x), to
// float64 in Y2:Y3, times alpha (Y0).
#define WIDEN256(y, x) \
	VCVTPS2PD    x, Y2               \
	VEXTRACTF128 $1, y, X3           \
	VCVTPS2PD    X3, Y3              \
	VMULPD       Y0, Y2, Y2          \
	VMULPD       Y0, Y3, Y3

// Write them at byte offset off of the row: C = beta·C + T (beta in Y1).
#define LOAD256(off) \
	VFMADD231PD off(DX), Y1, Y2      \
	VFMADD231PD off+32(DX), Y1, Y3   \
	STORE256(off)

#define STORE256(off) \
	VMOVUPD Y2, off(DX)              \
	VMOVUPD Y3, off+32(DX)

// func gemmKernel32AVX2(k int, a, b []float32, c []float64, ldc int, alpha, beta float64, load bool)
TEXT ·gemmKernel32AVX2(SB), NOSPLIT, $0-105
	MOVQ k+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8

	// Row i of the tile in Y(4+2i) (columns 0-7) and Y(5+2i) (8-15).
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15

	CMPQ CX, $4
	JLT  tail32

loop4x32:
	KSTEP32(0, 0)
	KSTEP32(24, 64)
	KSTEP32(48, 128)
	KSTEP32(72, 192)
	ADDQ $96, SI                     // 4 steps x 6 floats of A
	ADDQ $256, DI                    // 4 steps x 16 floats of B
	SUBQ $4, CX
	CMPQ CX, $4
	JGE  loop4x32

tail32:
	TESTQ CX, CX
	JZ    done32

loop1x32:
	KSTEP32(0, 0)
	ADDQ $24, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  loop1x32

done32:
	VBROADCASTSD alpha+88(FP), Y0
	MOVBQZX      load+104(FP), AX
	TESTQ        AX, AX
	JZ           store32

	VBROADCASTSD beta+96(FP), Y1
	WIDEN256(Y4, X4)
	LOAD256(0)
	WIDEN256(Y5, X5)
	LOAD256(64)
	ADDQ R8, DX
	WIDEN256(Y6, X6)
	LOAD256(0)
	WIDEN256(Y7, X7)
	LOAD256(64)
	ADDQ R8, DX
	WIDEN256(Y8, X8)
	LOAD256(0)
	WIDEN256(Y9, X9)
	LOAD256(64)
	ADDQ R8, DX
	WIDEN256(Y10, X10)
	LOAD256(0)
	WIDEN256(Y11, X11)
	LOAD256(64)
	ADDQ R8, DX
	WIDEN256(Y12, X12)
	LOAD256(0)
	WIDEN256(Y13, X13)
	LOAD256(64)
	ADDQ R8, DX
	WIDEN256(Y14, X14)
	LOAD256(0)
	WIDEN256(Y15, X15)
	LOAD256(64)
	VZEROUPPER
	RET

store32:
	WIDEN256(Y4, X4)
	STORE256(0)
	WIDEN256(Y5, X5)
	STORE256(64)
	ADDQ R8, DX
	WIDEN256(Y6, X6)
	STORE256(0)
	WIDEN256(Y7, X7)
	STORE256(64)
	ADDQ R8, DX
	WIDEN256(Y8, X8)
	STORE256(0)
	WIDEN256(Y9, X9)
	STORE256(64)
	ADDQ R8, DX
	WIDEN256(Y10, X10)
	STORE256(0)
	WIDEN256(Y11, X11)
	STORE256(64)
	ADDQ R8, DX
	WIDEN256(Y12, X12)
	STORE256(0)
	WIDEN256(Y13, X13)
	STORE256(64)
	ADDQ R8, DX
	WIDEN256(Y14, X14)
	STORE256(0)
	WIDEN256(Y15, X15)
	STORE256(64)
	VZEROUPPER
	RET

// func packA32NAVX512(dst []float32, src []float64, lda, kc int, t *packA32Tables)
//
// Packs a full panel of A stored untransposed, eight steps at a time (kc
// must be a multiple of 8): the six rows' next eight numbers are loaded
// and rounded to float32 (Y0..Y5, row i in Yi), paired into Z0 = rows 0|1,
// Z2 = 2|3 and Z4 = 4|5, and permuted into the 48 numbers of the eight
// steps, step by step, six apiece: each of the three stores of sixteen
// takes its numbers from Z0 and Z2 with one two-table permutation and
// from Z4 with a masked one. The index vectors and masks are t's.
TEXT ·packA32NAVX512(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ lda+48(FP), R8
	MOVQ kc+56(FP), CX
	MOVQ t+64(FP), AX
	SHLQ $3, R8                   // lda in bytes
	LEAQ (R8)(R8*2), R9           // 3·lda
	VMOVDQU32 0(AX), Z16          // indices into Z0:Z2 for each store
	VMOVDQU32 64(AX), Z17
	VMOVDQU32 128(AX), Z18
	VMOVDQU32 192(AX), Z19        // indices into Z4 for each store
	VMOVDQU32 256(AX), Z20
	VMOVDQU32 320(AX), Z21
	KMOVW     384(AX), K1         // which numbers of each store come from Z4
	KMOVW     386(AX), K2
	KMOVW     388(AX), K3
	SHRQ $3, CX
	JZ   packA32Ndone
packA32Nloop:
	LEAQ      (SI)(R8*1), R10     // row 1; row 5 is 4·lda beyond
	VMOVUPD   (SI), Z0
	VMOVUPD   (SI)(R8*1), Z1
	VMOVUPD   (SI)(R8*2), Z2
	VMOVUPD   (SI)(R9*1), Z3
	VMOVUPD   (SI)(R8*4), Z4
	VMOVUPD   (R10)(R8*4), Z5
	VCVTPD2PS Z0, Y0
	VCVTPD2PS Z1, Y1
	VCVTPD2PS Z2, Y2
	VCVTPD2PS Z3, Y3
	VCVTPD2PS Z4, Y4
	VCVTPD2PS Z5, Y5
	VINSERTF64X4 $1, Y1, Z0, Z0
	VINSERTF64X4 $1, Y3, Z2, Z2
	VINSERTF64X4 $1, Y5, Z4, Z4
	VMOVDQA32 Z16, Z8
	VPERMI2PS Z2, Z0, Z8
	VPERMPS   Z4, Z19, K1, Z8
	VMOVDQA32 Z17, Z9
	VPERMI2PS Z2, Z0, Z9
	VPERMPS   Z4, Z20, K2, Z9
	VMOVDQA32 Z18, Z10
	VPERMI2PS Z2, Z0, Z10
	VPERMPS   Z4, Z21, K3, Z10
	VMOVUPS   Z8, (DI)
	VMOVUPS   Z9, 64(DI)
	VMOVUPS   Z10, 128(DI)
	ADDQ      $64, SI             // eight steps of every row
	ADDQ      $192, DI            // eight steps of six floats
	DECQ      CX
	JNZ       packA32Nloop
packA32Ndone:
	VZEROUPPER
	RET

// func packA32TAVX512(dst []float32, src []float64, lda, kc, panels int)
//
// Packs panels full panels of A stored transposed, side by side: the six
// numbers of panel p at step kk are src[kk·lda + 6p + i], i < 6, already
// contiguous. It walks src a row at a time, so that reads stream through
// memory, and drops each panel's six numbers at dst[p·6·kc + 6·kk].
TEXT ·packA32TAVX512(SB), NOSPLIT, $0-72
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ lda+48(FP), AX
	MOVQ kc+56(FP), CX
	MOVQ panels+64(FP), DX
	SHLQ $3, AX                   // a row of src in bytes
	LEAQ (CX)(CX*2), R13
	SHLQ $3, R13                  // a panel in bytes: 6·kc·4
	MOVQ $0x3f, BX
	KMOVW BX, K1
	TESTQ CX, CX
	JZ    packA32Tdone
	TESTQ DX, DX
	JZ    packA32Tdone
packA32Trow:
	MOVQ SI, R11
	MOVQ DI, R12
	MOVQ DX, R8
	CMPQ CX, $1
	JEQ  packA32Tlast
packA32Tpanel:
	VMOVUPD.Z (R11), K1, Z0       // six numbers; the lanes beyond are not read
	VCVTPD2PS Z0, Y0
	VMOVUPS   Y0, (R12)           // eight: the last two are the next step's, written again then
	ADDQ      $48, R11
	ADDQ      R13, R12
	DECQ      R8
	JNZ       packA32Tpanel
	JMP       packA32Tnext
packA32Tlast:                         // the last step: six numbers a panel, not one more
	VMOVUPD.Z (R11), K1, Z0
	VCVTPD2PS Z0, Y0
	VMOVUPS   Y0, K1, (R12)
	ADDQ      $48, R11
	ADDQ      R13, R12
	DECQ      R8
	JNZ       packA32Tlast
packA32Tnext:
	ADDQ      AX, SI
	ADDQ      $24, DI
	DECQ      CX
	JNZ       packA32Trow
packA32Tdone:
	VZEROUPPER
	RET

// func packB32NAVX512(dst []float32, src []float64, ldb, kc int)
//
// Packs a full 32-wide panel of B stored untransposed: for each of kc
// steps, 32 contiguous numbers of a row of B, rounded to float32.
TEXT ·packB32NAVX512(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ ldb+48(FP), AX
	MOVQ kc+56(FP), CX
	SHLQ $3, AX
	TESTQ CX, CX
	JZ    packB32Ndone
packB32Nloop:
	VMOVUPD   (SI), Z0
	VMOVUPD   64(SI), Z1
	VMOVUPD   128(SI), Z2
	VMOVUPD   192(SI), Z3
	VCVTPD2PS Z0, Y0
	VCVTPD2PS Z1, Y1
	VCVTPD2PS Z2, Y2
	VCVTPD2PS Z3, Y3
	VMOVUPS   Y0, (DI)
	VMOVUPS   Y1, 32(DI)
	VMOVUPS   Y2, 64(DI)
	VMOVUPS   Y3, 96(DI)
	ADDQ      AX, SI
	ADDQ      $128, DI
	DECQ      CX
	JNZ       packB32Nloop
packB32Ndone:
	VZEROUPPER
	RET

// func axpy32AVX512(a float32, x []float64, y []float32)
//
// y[j] = a·float32(x[j]) + y[j], one rounding, sixteen at a time: sixteen
// numbers of x rounded to float32 (VCVTPD2PS) and joined in Z1, then one
// VFMADD231PS; the last few one by one.
TEXT ·axpy32AVX512(SB), NOSPLIT, $0-56
	VBROADCASTSS a+0(FP), Z0
	MOVQ         x_base+8(FP), SI
	MOVQ         y_base+32(FP), DI
	MOVQ         y_len+40(FP), CX
axpy32loop:
	CMPQ         CX, $16
	JLT          axpy32tail
	VMOVUPD      (SI), Z1
	VMOVUPD      64(SI), Z2
	VCVTPD2PS    Z1, Y1
	VCVTPD2PS    Z2, Y2
	VINSERTF64X4 $1, Y2, Z1, Z1
	VMOVUPS      (DI), Z3
	VFMADD231PS  Z1, Z0, Z3
	VMOVUPS      Z3, (DI)
	ADDQ         $128, SI
	ADDQ         $64, DI
	SUBQ         $16, CX
	JMP          axpy32loop
axpy32tail:
	TESTQ        CX, CX
	JZ           axpy32done
axpy32one:
	VMOVSD       (SI), X1
	VCVTSD2SS    X1, X1, X1
	VMOVSS       (DI), X3
	VFMADD231SS  X1, X0, X3
	VMOVSS       X3, (DI)
	ADDQ         $8, SI
	ADDQ         $4, DI
	DECQ         CX
	JNZ          axpy32one
axpy32done:
	VZEROUPPER
	RET
