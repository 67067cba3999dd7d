#include "textflag.h"

// func encBack2AVX(n int, s float64, w, f, z, eps, gz, adj, gf, c, sums *float64)
// The encoder proposal's backward pass of encBackStep for rank 2, two particles (four lanes
// [p, j=0], [p, j=1], [p+1, 0], [p+1, 1]) at a time, for n pairs of particles. c holds ten
// 4-wide constants in lane order: π_z, μ_e, 1/π, π_z/π, π_e/π, −½π^{−3/2}, ½/π_z − ½/π, ½/π,
// μ_e π_e/π, −½. With glw = s·w_p, m = f·π_z/π + μ_e π_e/π, d = z − f and
// gzj = gz + glw·adj − glw·π_z·d, it sets gf = gzj·π_z/π + glw·π_z·d and stores the sums over
// particles of gzj·(f − m)/π + gzj·ε·ds + glw·(−½d² + cz), gzj·π_e/π and
// gzj·(μ_e − m)/π + gzj·ε·ds − glw/(2π) per latent in sums[0:2], sums[2:4], sums[4:6].
TEXT ·encBack2AVX(SB), NOSPLIT, $0-88
	MOVQ n+0(FP), CX
	VBROADCASTSD s+8(FP), Y15
	MOVQ w+16(FP), AX
	MOVQ f+24(FP), SI
	MOVQ z+32(FP), DI
	MOVQ eps+40(FP), DX
	MOVQ gz+48(FP), R8
	MOVQ adj+56(FP), R9
	MOVQ gf+64(FP), R10
	MOVQ c+72(FP), R11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	TESTQ CX, CX
	JZ    done

loop:
	VMOVUPD     (AX), X0
	VPERMPD     $0x50, Y0, Y0       // w_p, w_p, w_{p+1}, w_{p+1}
	VMULPD      Y15, Y0, Y0         // glw
	VMOVUPD     (SI), Y1            // f
	VMOVUPD     (DI), Y2
	VSUBPD      Y1, Y2, Y2          // d = z − f
	VMULPD      96(R11), Y1, Y3
	VADDPD      256(R11), Y3, Y3    // m
	VMULPD      0(R11), Y0, Y4
	VMULPD      Y2, Y4, Y4          // glw·π_z·d
	VMULPD      (R9), Y0, Y5
	VADDPD      (R8), Y5, Y5
	VSUBPD      Y4, Y5, Y5          // gzj
	VMULPD      (DX), Y5, Y6        // gs = gzj·ε
	VMULPD      96(R11), Y5, Y7
	VADDPD      Y4, Y7, Y7
	VMOVUPD     Y7, (R10)           // gf
	VSUBPD      Y3, Y1, Y7
	VMULPD      Y5, Y7, Y7
	VMULPD      64(R11), Y7, Y7     // gzj·(f − m)/π
	VMULPD      160(R11), Y6, Y8    // gs·ds
	VADDPD      Y8, Y7, Y7
	VMULPD      288(R11), Y2, Y9
	VMULPD      Y2, Y9, Y9
	VADDPD      192(R11), Y9, Y9
	VMULPD      Y0, Y9, Y9          // glw·(−½d² + cz)
	VADDPD      Y9, Y7, Y7
	VADDPD      Y7, Y12, Y12
	VMULPD      128(R11), Y5, Y7
	VADDPD      Y7, Y13, Y13
	VMOVUPD     32(R11), Y7
	VSUBPD      Y3, Y7, Y7
	VMULPD      Y5, Y7, Y7
	VMULPD      64(R11), Y7, Y7     // gzj·(μ_e − m)/π
	VADDPD      Y8, Y7, Y7
	VMULPD      224(R11), Y0, Y9
	VSUBPD      Y9, Y7, Y7
	VADDPD      Y7, Y14, Y14
	ADDQ        $16, AX
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, DX
	ADDQ        $32, R8
	ADDQ        $32, R9
	ADDQ        $32, R10
	DECQ        CX
	JNZ         loop

done:
	MOVQ         sums+80(FP), AX
	VEXTRACTF128 $1, Y12, X0
	VADDPD       X0, X12, X0
	VMOVUPD      X0, 0(AX)
	VEXTRACTF128 $1, Y13, X0
	VADDPD       X0, X13, X0
	VMOVUPD      X0, 16(AX)
	VEXTRACTF128 $1, Y14, X0
	VADDPD       X0, X14, X0
	VMOVUPD      X0, 32(AX)
	VZEROUPPER
	RET
