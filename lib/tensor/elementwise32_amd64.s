//go:build amd64 && !(cgo && openblas)

#include "textflag.h"

// EXPCONSTS puts the constants of expCore (gelu.go), f32Consts[1..11] and
// f32Consts[20], in Z12..Z22 and Z31 (Z11+i holds f32Consts[i]); R9
// points at f32Consts.
#define EXPCONSTS \
	VBROADCASTSD 8(R9), Z12          \
	VBROADCASTSD 16(R9), Z13         \
	VBROADCASTSD 24(R9), Z14         \
	VBROADCASTSD 32(R9), Z15         \
	VBROADCASTSD 40(R9), Z16         \
	VBROADCASTSD 48(R9), Z17         \
	VBROADCASTSD 56(R9), Z18         \
	VBROADCASTSD 64(R9), Z19         \
	VBROADCASTSD 72(R9), Z20         \
	VBROADCASTSD 80(R9), Z21         \
	VBROADCASTSD 88(R9), Z22         \
	VBROADCASTSD 160(R9), Z31

// func geluAVX512(x, y, dy []float64, c *[21]float64)
//
// gelu32 (gelu.go) on eight elements at a time, instruction for
// instruction: the same products, sums and fused multiply-adds in the
// same order, so the same bits. len(x) must be a multiple of 8. The 21
// constants stay in Z11..Z31 (Z11+i holds c[i]), Z10 holds zeros.
TEXT ·geluAVX512(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	MOVQ dy_base+48(FP), DX
	MOVQ c+72(FP), R9
	TESTQ CX, CX
	JZ    gelu512done

	VBROADCASTSD 0(R9), Z11
	EXPCONSTS
	VBROADCASTSD 96(R9), Z23
	VBROADCASTSD 104(R9), Z24
	VBROADCASTSD 112(R9), Z25
	VBROADCASTSD 120(R9), Z26
	VBROADCASTSD 128(R9), Z27
	VBROADCASTSD 136(R9), Z28
	VBROADCASTSD 144(R9), Z29
	VBROADCASTSD 152(R9), Z30
	VPXORQ       Z10, Z10, Z10

gelu512loop:
	VMOVUPD (SI), Z0            // x
	VMULPD  Z0, Z0, Z1
	VMULPD  Z11, Z1, Z1         // x·x·(-1/2)
	VMAXPD  Z1, Z12, Z1         // v = max(that, -700); a NaN stays
	VMOVAPD Z14, Z2
	VFMADD231PD Z13, Z1, Z2     // tn = v·log2(e) + roundMagic
	VSUBPD  Z14, Z2, Z3         // n
	VFMADD231PD Z15, Z3, Z1     // r = n·(-ln 2) + v
	VMOVAPD Z16, Z4             // e^r, Horner from r⁷
	VFMADD213PD Z17, Z1, Z4
	VFMADD213PD Z18, Z1, Z4
	VFMADD213PD Z19, Z1, Z4
	VFMADD213PD Z20, Z1, Z4
	VFMADD213PD Z21, Z1, Z4
	VFMADD213PD Z22, Z1, Z4
	VFMADD213PD Z22, Z1, Z4
	VPADDQ  Z31, Z2, Z2         // 2^n: n + 1023 into the exponent
	VPSLLQ  $52, Z2, Z2
	VMULPD  Z2, Z4, Z4          // e = e^v
	VPANDQ  Z30, Z0, Z5         // |x|
	VFMADD213PD Z22, Z23, Z5    // |x|·p/√2 + 1
	VDIVPD  Z5, Z22, Z5         // t
	VMOVAPD Z24, Z6             // s, Horner from a₅
	VFMADD213PD Z25, Z5, Z6
	VFMADD213PD Z26, Z5, Z6
	VFMADD213PD Z27, Z5, Z6
	VFMADD213PD Z28, Z5, Z6
	VMULPD  Z5, Z6, Z6          // s·t
	VMULPD  Z21, Z4, Z7         // e/2
	VMULPD  Z7, Z6, Z6          // q
	VSUBPD  Z6, Z22, Z8         // 1 - q
	VCMPPD  $29, Z10, Z0, K1    // x ≥ 0 (ordered: not for NaN)
	VBLENDMPD Z8, Z6, K1, Z6    // Φ(x)
	VMULPD  Z6, Z0, Z7          // y = x·Φ(x)
	VMOVUPD Z7, (DI)
	VMULPD  Z29, Z4, Z4         // e/√(2π) = φ(x)
	VFMADD231PD Z4, Z0, Z6      // y' = x·φ(x) + Φ(x)
	VMOVUPD Z6, (DX)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, DX
	SUBQ    $8, CX
	JNZ     gelu512loop

gelu512done:
	VZEROUPPER
	RET

// EXPSUB sets Z4 = e^(Z0 - m) for m in Z9, as softmaxRow32's terms:
// expCore of v = Z0 - m held at -700 or above, then 0 in the lanes where
// v < -700, -Inf or NaN (mask K2). The constants are in Z12..Z22 and Z31
// as geluAVX512 keeps them.
#define EXPSUB \
	VSUBPD      Z9, Z0, Z1           \
	VCMPPD      $29, Z12, Z1, K2     \
	VMAXPD      Z1, Z12, Z1          \
	VMOVAPD     Z14, Z2              \
	VFMADD231PD Z13, Z1, Z2          \
	VSUBPD      Z14, Z2, Z3          \
	VFMADD231PD Z15, Z3, Z1          \
	VMOVAPD     Z16, Z4              \
	VFMADD213PD Z17, Z1, Z4          \
	VFMADD213PD Z18, Z1, Z4          \
	VFMADD213PD Z19, Z1, Z4          \
	VFMADD213PD Z20, Z1, Z4          \
	VFMADD213PD Z21, Z1, Z4          \
	VFMADD213PD Z22, Z1, Z4          \
	VFMADD213PD Z22, Z1, Z4          \
	VPADDQ      Z31, Z2, Z2          \
	VPSLLQ      $52, Z2, Z2          \
	VMULPD      Z2, Z4, Z4           \
	VMOVAPD.Z   Z4, K2, Z4

// func softmaxRowAVX512(x, y []float64, m float64, c *[21]float64)
//
// softmaxRow32 (softmax32.go) eight numbers at a time: lane l of Z10 sums
// the terms j ≡ l (mod 8), a last partial group of eight under mask K3.
TEXT ·softmaxRowAVX512(SB), NOSPLIT, $0-64
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), DI
	VBROADCASTSD m+48(FP), Z9
	MOVQ c+56(FP), R9
	EXPCONSTS
	VPXORQ       Z10, Z10, Z10
	MOVQ         CX, BX              // the row's length, for the second pass
	MOVQ         DI, R10             // and its start

softmax512loop:
	CMPQ    CX, $8
	JLT     softmax512tail
	VMOVUPD (SI), Z0
	EXPSUB
	VMOVUPD Z4, (DI)
	VADDPD  Z4, Z10, Z10
	ADDQ    $64, SI
	ADDQ    $64, DI
	SUBQ    $8, CX
	JMP     softmax512loop

softmax512tail:
	TESTQ     CX, CX
	JZ        softmax512sum
	MOVQ      $1, AX
	SHLQ      CX, AX
	DECQ      AX
	KMOVW     AX, K3                 // the last CX lanes
	VMOVUPD.Z (SI), K3, Z0
	EXPSUB
	VMOVUPD   Z4, K3, (DI)
	VADDPD    Z4, Z10, K3, Z10

softmax512sum:
	VEXTRACTF64X4 $1, Z10, Y1
	VADDPD        Y1, Y10, Y1        // lanes l + (l+4)
	VEXTRACTF128  $1, Y1, X2
	VADDPD        X2, X1, X2         // (0+4)+(2+6), (1+5)+(3+7)
	VPERMILPD     $1, X2, X3
	VADDSD        X3, X2, X2         // the sum s
	VBROADCASTSD  88(R9), Z3         // 1
	VDIVSD        X2, X3, X2         // 1/s
	VBROADCASTSD  X2, Z2

	MOVQ R10, DI
	MOVQ BX, CX
softmax512scale:
	CMPQ    CX, $8
	JLT     softmax512last
	VMULPD  (DI), Z2, Z0
	VMOVUPD Z0, (DI)
	ADDQ    $64, DI
	SUBQ    $8, CX
	JMP     softmax512scale

softmax512last:
	TESTQ     CX, CX
	JZ        softmax512done
	VMOVUPD.Z (DI), K3, Z0
	VMULPD    Z2, Z0, Z0
	VMOVUPD   Z0, K3, (DI)

softmax512done:
	VZEROUPPER
	RET
