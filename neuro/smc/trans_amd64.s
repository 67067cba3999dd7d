#include "textflag.h"

// The transition kernels run K particles in one call: particle p starts from the previous
// state z_{anc[p]} (z is K'×R, anc holds int32 row indices). For units i < n (a multiple of 4)
// of the structure-of-arrays weights soa = [M·0 | M·1 | M·2 | N_w0· | N_w1· | N_w2· | h] (each
// stride long; R = 2 leaves slots 2 and 5 unused) they work four units at a time.

// func trans3FwdAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64)
// For each particle p: c_i = Σ_r M_ir z_r (stored at c + p·ldc), the clipped ReLU
// φ_i = max(c_i + h_i, 0) − max(c_i, 0), and out_{p,r} = Σ_i N_w,ri φ_i (out is K×3).
TEXT ·trans3FwdAVX(SB), NOSPLIT, $0-72
	MOVQ soa+0(FP), SI
	MOVQ stride+16(FP), R8
	SHLQ $3, R8
	LEAQ (SI)(R8*1), R9   // M·1
	LEAQ (SI)(R8*2), R10  // M·2
	LEAQ (R9)(R8*2), R11  // N_w0
	LEAQ (SI)(R8*4), R12  // N_w1
	LEAQ (R12)(R8*1), R13 // N_w2
	LEAQ (R10)(R8*4), R14 // h
	MOVQ n+8(FP), CX
	SHLQ $3, CX
	MOVQ c+48(FP), DI
	MOVQ out+64(FP), DX
	VXORPD Y15, Y15, Y15

particle3f:
	CMPQ K+40(FP), $0
	JLE  end3f
	MOVQ anc+32(FP), AX
	MOVLQSX (AX), BX
	LEAQ (BX)(BX*2), BX
	MOVQ z+24(FP), AX
	LEAQ (AX)(BX*8), AX // z_{anc[p]}
	VBROADCASTSD 0(AX), Y0
	VBROADCASTSD 8(AX), Y1
	VBROADCASTSD 16(AX), Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	XORQ BX, BX
	TESTQ CX, CX
	JZ sum3f

loop3f:
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
	JLT         loop3f

sum3f:
	VEXTRACTF128 $1, Y3, X8
	VADDPD       X8, X3, X3
	VHADDPD      X3, X3, X3
	VMOVSD       X3, 0(DX)
	VEXTRACTF128 $1, Y4, X8
	VADDPD       X8, X4, X4
	VHADDPD      X4, X4, X4
	VMOVSD       X4, 8(DX)
	VEXTRACTF128 $1, Y5, X8
	VADDPD       X8, X5, X5
	VHADDPD      X5, X5, X5
	VMOVSD       X5, 16(DX)
	ADDQ         $24, DX
	MOVQ         ldc+56(FP), AX
	LEAQ         (DI)(AX*8), DI
	ADDQ         $4, anc+32(FP)
	DECQ         K+40(FP)
	JMP          particle3f

end3f:
	VZEROUPPER
	RET

// 4-wide 1.0 for trans3BackAVX.
DATA transcone<>+0(SB)/8, $0x3ff0000000000000
DATA transcone<>+8(SB)/8, $0x3ff0000000000000
DATA transcone<>+16(SB)/8, $0x3ff0000000000000
DATA transcone<>+24(SB)/8, $0x3ff0000000000000
GLOBL transcone<>(SB), RODATA|NOPTR, $32

// func trans3BackAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64)
// The backward pass of trans3FwdAVX for units i < n given gf = ∂J/∂f (K×3), with the currents
// c = M z recomputed exactly as in the forward pass (cheaper than storing them): with
// gφ_i = Σ_r N_w,ri gf_r and gc_i = gφ_i·∂φ/∂c, it adds gc_i z_r to gsoa's M·r, gf_r φ_i to its
// N_wr· and gφ_i·∂φ/∂h to its h (gsoa has soa's layout), and Σ_i M_ir gc_i to gz_{anc[p],r}
// (gz has z's layout). The clipped ReLU's steps are taken as x ≥ 0.
TEXT ·trans3BackAVX(SB), NOSPLIT, $0-72
	MOVQ stride+16(FP), R8
	SHLQ $3, R8
	LEAQ (R8)(R8*2), R9   // 3·stride
	LEAQ (R8)(R8*4), R10  // 5·stride
	LEAQ (R9)(R9*1), R11  // 6·stride
	VXORPD Y15, Y15, Y15

particle3b:
	CMPQ K+40(FP), $0
	JLE  end3b
	MOVQ anc+32(FP), AX
	MOVLQSX (AX), R12
	LEAQ (R12)(R12*2), R12 // 3·anc[p]
	MOVQ z+24(FP), AX
	LEAQ (AX)(R12*8), AX   // z_{anc[p]}
	MOVQ gf+48(FP), BX
	MOVQ soa+0(FP), SI
	MOVQ gsoa+56(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	VBROADCASTSD 0(AX), Y0
	VBROADCASTSD 8(AX), Y1
	VBROADCASTSD 16(AX), Y2
	VBROADCASTSD 0(BX), Y3
	VBROADCASTSD 8(BX), Y4
	VBROADCASTSD 16(BX), Y5
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	TESTQ CX, CX
	JZ    sum3b

loop3b:
	VMULPD      (SI), Y0, Y6             // c = M z, rounded as in trans3FwdAVX
	VFMADD231PD (SI)(R8*1), Y1, Y6
	VFMADD231PD (SI)(R8*2), Y2, Y6
	VADDPD      (SI)(R11*1), Y6, Y7      // t = c + h
	VCMPPD      $13, Y15, Y7, Y8         // s1 = t ≥ 0
	VCMPPD      $13, Y15, Y6, Y9         // s2 = c ≥ 0
	VANDPD      Y8, Y7, Y10
	VANDPD      Y9, Y6, Y6
	VSUBPD      Y6, Y10, Y10             // φ = s1·t − s2·c
	VANDPD      transcone<>(SB), Y8, Y8  // ∂φ/∂h = s1
	VANDPD      transcone<>(SB), Y9, Y9
	VSUBPD      Y9, Y8, Y9               // ∂φ/∂c = s1 − s2
	VMULPD      (SI)(R9*1), Y3, Y11      // gφ = N_w0·g0 + …
	VFMADD231PD (SI)(R8*4), Y4, Y11
	VFMADD231PD (SI)(R10*1), Y5, Y11
	VMULPD      Y11, Y9, Y9              // gc
	VMOVUPD     (DI), Y7
	VFMADD231PD Y0, Y9, Y7
	VMOVUPD     Y7, (DI)                 // gM·0 += gc·z0
	VMOVUPD     (DI)(R8*1), Y7
	VFMADD231PD Y1, Y9, Y7
	VMOVUPD     Y7, (DI)(R8*1)
	VMOVUPD     (DI)(R8*2), Y7
	VFMADD231PD Y2, Y9, Y7
	VMOVUPD     Y7, (DI)(R8*2)
	VMOVUPD     (DI)(R9*1), Y7
	VFMADD231PD Y3, Y10, Y7
	VMOVUPD     Y7, (DI)(R9*1)           // gN_w0 += g0·φ
	VMOVUPD     (DI)(R8*4), Y7
	VFMADD231PD Y4, Y10, Y7
	VMOVUPD     Y7, (DI)(R8*4)
	VMOVUPD     (DI)(R10*1), Y7
	VFMADD231PD Y5, Y10, Y7
	VMOVUPD     Y7, (DI)(R10*1)
	VMOVUPD     (DI)(R11*1), Y7
	VFMADD231PD Y8, Y11, Y7
	VMOVUPD     Y7, (DI)(R11*1)          // gh += gφ·s1
	VFMADD231PD (SI), Y9, Y12            // gz0 += M·0·gc
	VFMADD231PD (SI)(R8*1), Y9, Y13
	VFMADD231PD (SI)(R8*2), Y9, Y14
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        CX
	JNZ         loop3b

sum3b:
	MOVQ         gz+64(FP), AX
	LEAQ         (AX)(R12*8), AX         // gz_{anc[p]}
	VEXTRACTF128 $1, Y12, X8
	VADDPD       X8, X12, X12
	VHADDPD      X12, X12, X12
	VADDSD       0(AX), X12, X12
	VMOVSD       X12, 0(AX)
	VEXTRACTF128 $1, Y13, X8
	VADDPD       X8, X13, X13
	VHADDPD      X13, X13, X13
	VADDSD       8(AX), X13, X13
	VMOVSD       X13, 8(AX)
	VEXTRACTF128 $1, Y14, X8
	VADDPD       X8, X14, X14
	VHADDPD      X14, X14, X14
	VADDSD       16(AX), X14, X14
	VMOVSD       X14, 16(AX)
	ADDQ         $24, gf+48(FP)
	ADDQ         $4, anc+32(FP)
	DECQ         K+40(FP)
	JMP          particle3b

end3b:
	VZEROUPPER
	RET

// func trans2FwdReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, c *float64, ldc int, out *float64)
// trans3FwdAVX for R = 2 (arrays M·0, M·1, N_w0·, N_w1·, h at slots 0, 1, 3, 4, 6; out is K×2)
// and the ReLU φ_i = max(c_i − h_i, 0).
TEXT ·trans2FwdReLUAVX(SB), NOSPLIT, $0-72
	MOVQ soa+0(FP), SI
	MOVQ stride+16(FP), R8
	SHLQ $3, R8
	LEAQ (R8)(R8*2), R9  // 3·stride
	LEAQ (R9)(R9*1), R11 // 6·stride
	MOVQ c+48(FP), DI
	MOVQ out+64(FP), DX
	VXORPD Y15, Y15, Y15

particle2f:
	CMPQ K+40(FP), $0
	JLE  end2f
	MOVQ anc+32(FP), AX
	MOVLQSX (AX), BX
	MOVQ z+24(FP), AX
	SHLQ $4, BX
	ADDQ BX, AX // z_{anc[p]}
	VBROADCASTSD 0(AX), Y0
	VBROADCASTSD 8(AX), Y1
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	MOVQ SI, R12
	MOVQ DI, R13
	TESTQ CX, CX
	JZ    sum2f

loop2f:
	VMULPD      (R12), Y0, Y6
	VFMADD231PD (R12)(R8*1), Y1, Y6
	VMOVUPD     Y6, (R13)
	VSUBPD      (R12)(R11*1), Y6, Y7
	VMAXPD      Y15, Y7, Y7
	VFMADD231PD (R12)(R9*1), Y7, Y3
	VFMADD231PD (R12)(R8*4), Y7, Y4
	ADDQ        $32, R12
	ADDQ        $32, R13
	DECQ        CX
	JNZ         loop2f

sum2f:
	VEXTRACTF128 $1, Y3, X8
	VADDPD       X8, X3, X3
	VHADDPD      X3, X3, X3
	VMOVSD       X3, 0(DX)
	VEXTRACTF128 $1, Y4, X8
	VADDPD       X8, X4, X4
	VHADDPD      X4, X4, X4
	VMOVSD       X4, 8(DX)
	ADDQ         $16, DX
	MOVQ         ldc+56(FP), AX
	LEAQ         (DI)(AX*8), DI
	ADDQ         $4, anc+32(FP)
	DECQ         K+40(FP)
	JMP          particle2f

end2f:
	VZEROUPPER
	RET

// func trans2BackReLUAVX(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz *float64)
// trans3BackAVX for R = 2 and the ReLU: ∂φ/∂c = [c − h ≥ 0], ∂φ/∂h = −∂φ/∂c.
TEXT ·trans2BackReLUAVX(SB), NOSPLIT, $0-72
	MOVQ stride+16(FP), R8
	SHLQ $3, R8
	LEAQ (R8)(R8*2), R9  // 3·stride
	LEAQ (R9)(R9*1), R11 // 6·stride
	VXORPD Y15, Y15, Y15

particle2b:
	CMPQ K+40(FP), $0
	JLE  end2b
	MOVQ anc+32(FP), AX
	MOVLQSX (AX), R12
	SHLQ $4, R12           // 16·anc[p]
	MOVQ z+24(FP), AX
	ADDQ R12, AX           // z_{anc[p]}
	MOVQ gf+48(FP), BX
	MOVQ soa+0(FP), SI
	MOVQ gsoa+56(FP), DI
	MOVQ n+8(FP), CX
	SHRQ $2, CX
	VBROADCASTSD 0(AX), Y0
	VBROADCASTSD 8(AX), Y1
	VBROADCASTSD 0(BX), Y3
	VBROADCASTSD 8(BX), Y4
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	TESTQ CX, CX
	JZ    sum2b

loop2b:
	VMULPD      (SI), Y0, Y6            // c = M z, rounded as in trans2FwdReLUAVX
	VFMADD231PD (SI)(R8*1), Y1, Y6
	VSUBPD      (SI)(R11*1), Y6, Y7     // t = c − h
	VCMPPD      $13, Y15, Y7, Y8        // t ≥ 0
	VANDPD      Y8, Y7, Y10             // φ
	VANDPD      transcone<>(SB), Y8, Y9 // ∂φ/∂c
	VMULPD      (SI)(R9*1), Y3, Y11     // gφ
	VFMADD231PD (SI)(R8*4), Y4, Y11
	VMULPD      Y11, Y9, Y9             // gc
	VMOVUPD     (DI), Y7
	VFMADD231PD Y0, Y9, Y7
	VMOVUPD     Y7, (DI)
	VMOVUPD     (DI)(R8*1), Y7
	VFMADD231PD Y1, Y9, Y7
	VMOVUPD     Y7, (DI)(R8*1)
	VMOVUPD     (DI)(R9*1), Y7
	VFMADD231PD Y3, Y10, Y7
	VMOVUPD     Y7, (DI)(R9*1)
	VMOVUPD     (DI)(R8*4), Y7
	VFMADD231PD Y4, Y10, Y7
	VMOVUPD     Y7, (DI)(R8*4)
	VMOVUPD     (DI)(R11*1), Y7
	VSUBPD      Y9, Y7, Y7
	VMOVUPD     Y7, (DI)(R11*1)         // gh −= gc
	VFMADD231PD (SI), Y9, Y12
	VFMADD231PD (SI)(R8*1), Y9, Y13
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        CX
	JNZ         loop2b

sum2b:
	MOVQ         gz+64(FP), AX
	ADDQ         R12, AX                // gz_{anc[p]}
	VEXTRACTF128 $1, Y12, X8
	VADDPD       X8, X12, X12
	VHADDPD      X12, X12, X12
	VADDSD       0(AX), X12, X12
	VMOVSD       X12, 0(AX)
	VEXTRACTF128 $1, Y13, X8
	VADDPD       X8, X13, X13
	VHADDPD      X13, X13, X13
	VADDSD       8(AX), X13, X13
	VMOVSD       X13, 8(AX)
	ADDQ         $16, gf+48(FP)
	ADDQ         $4, anc+32(FP)
	DECQ         K+40(FP)
	JMP          particle2b

end2b:
	VZEROUPPER
	RET
