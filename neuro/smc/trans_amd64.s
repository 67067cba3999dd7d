#include "textflag.h"

// func trans3FwdAVX(soa *float64, n, stride int, z *[3]float64, c *float64, out *[3]float64)
// For units i < n (a multiple of 4) of the structure-of-arrays weights soa = [M·0 | M·1 | M·2 |
// N_w0· | N_w1· | N_w2· | h] (each stride long): c_i = Σ_r M_ir z_r (stored), the clipped ReLU
// φ_i = max(c_i + h_i, 0) − max(c_i, 0), and out_r = Σ_i N_w,ri φ_i.
TEXT ·trans3FwdAVX(SB), NOSPLIT, $0-48
	MOVQ soa+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ stride+16(FP), R8
	MOVQ z+24(FP), AX
	MOVQ c+32(FP), DI
	MOVQ out+40(FP), DX
	SHLQ $3, R8
	SHLQ $3, CX
	LEAQ (SI)(R8*1), R9   // M·1
	LEAQ (SI)(R8*2), R10  // M·2
	LEAQ (R9)(R8*2), R11  // N_w0
	LEAQ (SI)(R8*4), R12  // N_w1
	LEAQ (R12)(R8*1), R13 // N_w2
	LEAQ (R10)(R8*4), R14 // h
	VBROADCASTSD 0(AX), Y0
	VBROADCASTSD 8(AX), Y1
	VBROADCASTSD 16(AX), Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y15, Y15, Y15
	XORQ BX, BX
	TESTQ CX, CX
	JZ sum

loop:
	VMULPD      (SI)(BX*1), Y0, Y6
	VFMADD231PD (R9)(BX*1), Y1, Y6
	VFMADD231PD (R10)(BX*1), Y2, Y6
	VMOVUPD     Y6, (DI)(BX*1)
	VADDPD      (R14)(BX*1), Y6, Y7
	VMAXPD      Y15, Y7, Y7
	VMAXPD      Y15, Y6, Y8
	VSUBPD      Y8, Y7, Y7
	VFMADD231PD (R11)(BX*1), Y7, Y3
	VFMADD231PD (R12)(BX*1), Y7, Y4
	VFMADD231PD (R13)(BX*1), Y7, Y5
	ADDQ        $32, BX
	CMPQ        BX, CX
	JLT         loop

sum:
	VEXTRACTF128 $1, Y3, X8
	VADDPD       X8, X3, X3
	VHADDPD      X3, X3, X3
	MOVSD        X3, 0(DX)
	VEXTRACTF128 $1, Y4, X8
	VADDPD       X8, X4, X4
	VHADDPD      X4, X4, X4
	MOVSD        X4, 8(DX)
	VEXTRACTF128 $1, Y5, X8
	VADDPD       X8, X5, X5
	VHADDPD      X5, X5, X5
	MOVSD        X5, 16(DX)
	VZEROUPPER
	RET
