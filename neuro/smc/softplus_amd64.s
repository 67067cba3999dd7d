#include "textflag.h"

// 4-wide constants of softplusAVX (bit patterns).
DATA spcone<>+0(SB)/8, $0x3ff0000000000000
DATA spcone<>+8(SB)/8, $0x3ff0000000000000
DATA spcone<>+16(SB)/8, $0x3ff0000000000000
DATA spcone<>+24(SB)/8, $0x3ff0000000000000
GLOBL spcone<>(SB), RODATA|NOPTR, $32
DATA spceps<>+0(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA spceps<>+8(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA spceps<>+16(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA spceps<>+24(SB)/8, $0x3eb0c6f7a0b5ed8d
GLOBL spceps<>(SB), RODATA|NOPTR, $32
DATA spcsign<>+0(SB)/8, $0x8000000000000000
DATA spcsign<>+8(SB)/8, $0x8000000000000000
DATA spcsign<>+16(SB)/8, $0x8000000000000000
DATA spcsign<>+24(SB)/8, $0x8000000000000000
GLOBL spcsign<>(SB), RODATA|NOPTR, $32

// func softplusAVX(eta, ex, lg, q *float64, n int) float64
// For i < n (a multiple of 4), given t = ex[i] = exp(−|η_i|) and lg[i] = log u, u = 1 + t: sets
// eta[i] = λ_i = max(η_i, 0) + log1p t + 1e-6 with log1p t = log u + (t − (u − 1))/u (the
// rounding error of u) and q[i] = −σ(η_i) with σ = (η < 0 ? t : 1)/u, and returns Σ_i λ_i.
TEXT ·softplusAVX(SB), NOSPLIT, $0-48
	MOVQ eta+0(FP), DI
	MOVQ ex+8(FP), SI
	MOVQ lg+16(FP), DX
	MOVQ q+24(FP), R8
	MOVQ n+32(FP), CX
	SHRQ $2, CX
	VXORPD Y15, Y15, Y15
	VXORPD Y14, Y14, Y14
	VMOVUPD spcone<>(SB), Y13
	TESTQ CX, CX
	JZ    sum

loop:
	VMOVUPD   (DI), Y0             // η
	VMOVUPD   (SI), Y1             // t
	VADDPD    Y13, Y1, Y7          // u = 1 + t
	VDIVPD    Y7, Y13, Y8          // v = 1/u
	VSUBPD    Y13, Y7, Y2          // u − 1
	VSUBPD    Y2, Y1, Y2           // t − (u − 1)
	VMOVUPD   (DX), Y4             // log u
	VFMADD231PD Y8, Y2, Y4         // log1p t = log u + (t − (u − 1))·v
	VMAXPD    Y15, Y0, Y5          // max(η, 0)
	VADDPD    Y4, Y5, Y5
	VADDPD    spceps<>(SB), Y5, Y5 // λ
	VMOVUPD   Y5, (DI)
	VADDPD    Y5, Y14, Y14
	VBLENDVPD Y0, Y1, Y13, Y6      // η < 0 ? t : 1 (sign bit of η)
	VMULPD    Y8, Y6, Y6
	VXORPD    spcsign<>(SB), Y6, Y6
	VMOVUPD   Y6, (R8)
	ADDQ      $32, DI
	ADDQ      $32, SI
	ADDQ      $32, DX
	ADDQ      $32, R8
	DECQ      CX
	JNZ       loop

sum:
	VEXTRACTF128 $1, Y14, X8
	VADDPD       X8, X14, X14
	VHADDPD      X14, X14, X14
	VZEROUPPER
	MOVSD        X14, ret+40(FP)
	RET
