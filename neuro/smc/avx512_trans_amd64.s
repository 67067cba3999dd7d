#include "textflag.h"

// func trans2BackReLUAVX512(soa *float64, n, stride int, z *float64, anc *int32, K int, gf, gsoa, gz, acc *float64)
// AVX-512 version of trans2BackReLUAVX (same arguments and semantics, see trans_amd64.s, plus
// the scratch acc of 16·K doubles): the units are the outer loop, eight at a time (n a multiple
// of 4: a last block of four is masked), so a block's weights and gradient accumulators gsoa
// stay in registers while all K particles go through it, each accumulator receiving the
// particles' terms in the order p = 0 … K−1 as in the AVX2 kernel (gsoa agrees with it to the
// bit). Particle p's partial sums Σ_i gc_i M_ir, eight lanes per r, build up in row p of acc
// and go to gz_{anc[p]} at the end; their order of summation differs from the AVX2 kernel's
// (rounding level).
TEXT ·trans2BackReLUAVX512(SB), NOSPLIT, $0-80
	MOVQ    stride+16(FP), R8
	SHLQ    $3, R8
	LEAQ    (R8)(R8*2), R9  // 3·stride
	LEAQ    (R9)(R9*1), R11 // 6·stride
	MOVQ    n+8(FP), CX
	SHLQ    $3, CX
	MOVQ    soa+0(FP), SI
	MOVQ    gsoa+56(FP), DI
	VPXORQ  Z31, Z31, Z31
	XORQ    BX, BX
	CMPQ    K+40(FP), $0
	JLE     end

block:
	MOVQ   CX, AX
	SUBQ   BX, AX
	JLE    sums
	KXNORB K1, K1, K1
	CMPQ   AX, $64
	JGE    body
	MOVL   $0x0f, AX       // the last block of four units
	KMOVB  AX, K1

body:
	VMOVUPD.Z (SI), K1, Z0             // M·0
	VMOVUPD.Z (SI)(R8*1), K1, Z1       // M·1
	VMOVUPD.Z (SI)(R9*1), K1, Z2       // N_w0·
	VMOVUPD.Z (SI)(R8*4), K1, Z3       // N_w1·
	VMOVUPD.Z (SI)(R11*1), K1, Z4      // h
	VMOVUPD.Z (DI), K1, Z9             // their gradients
	VMOVUPD.Z (DI)(R8*1), K1, Z10
	VMOVUPD.Z (DI)(R9*1), K1, Z11
	VMOVUPD.Z (DI)(R8*4), K1, Z12
	VMOVUPD.Z (DI)(R11*1), K1, Z13
	MOVQ anc+32(FP), AX
	MOVQ gf+48(FP), DX
	MOVQ acc+72(FP), R14
	MOVQ z+24(FP), R12
	MOVQ K+40(FP), R10

particle:
	MOVLQSX (AX), R13
	SHLQ    $4, R13
	ADDQ    R12, R13                   // z_{anc[p]}
	// c = M z (rounded as in trans2FwdReLUAVX), t = c − h, φ = t ≥ 0 ? t : 0,
	// gc = t ≥ 0 ? gφ : 0 with gφ = N_wᵀ gf
	VMULPD.BCST      0(R13), Z0, Z5
	VFMADD231PD.BCST 8(R13), Z1, Z5
	VSUBPD           Z4, Z5, Z5
	VCMPPD           $13, Z31, Z5, K2
	VMOVAPD.Z        Z5, K2, Z5        // φ
	VMULPD.BCST      0(DX), Z2, Z6
	VFMADD231PD.BCST 8(DX), Z3, Z6
	VMOVAPD.Z        Z6, K2, Z6        // gc
	// M·r += gc z_r, N_wr· += gf_r φ, h −= gc; acc_p += gc M·r
	VFMADD231PD.BCST 0(R13), Z6, Z9
	VFMADD231PD.BCST 8(R13), Z6, Z10
	VFMADD231PD.BCST 0(DX), Z5, Z11
	VFMADD231PD.BCST 8(DX), Z5, Z12
	VSUBPD           Z6, Z13, Z13
	TESTQ            BX, BX
	JNZ              accum
	VMULPD           Z0, Z6, Z7        // first block: acc_p = gc M·r
	VMULPD           Z1, Z6, Z8
	JMP              stacc

accum:
	VMOVUPD          (R14), Z7
	VFMADD231PD      Z0, Z6, Z7
	VMOVUPD          64(R14), Z8
	VFMADD231PD      Z1, Z6, Z8

stacc:
	VMOVUPD Z7, (R14)
	VMOVUPD Z8, 64(R14)
	ADDQ    $4, AX
	ADDQ    $16, DX
	ADDQ    $128, R14
	DECQ    R10
	JNZ     particle

	VMOVUPD Z9, K1, (DI)
	VMOVUPD Z10, K1, (DI)(R8*1)
	VMOVUPD Z11, K1, (DI)(R9*1)
	VMOVUPD Z12, K1, (DI)(R8*4)
	VMOVUPD Z13, K1, (DI)(R11*1)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $64, BX
	JMP     block

sums:
	// gz_{anc[p]} += the lane sums of row p of acc.
	MOVQ anc+32(FP), AX
	MOVQ acc+72(FP), R14
	MOVQ gz+64(FP), R12
	MOVQ K+40(FP), R10

sump:
	MOVLQSX       (AX), R13
	SHLQ          $4, R13
	ADDQ          R12, R13
	VMOVUPD       (R14), Z7
	VMOVUPD       64(R14), Z8
	VEXTRACTF64X4 $1, Z7, Y0
	VADDPD        Y0, Y7, Y0
	VEXTRACTF64X4 $1, Z8, Y1
	VADDPD        Y1, Y8, Y1
	VHADDPD       Y1, Y0, Y0           // lanes: (a0, b0, a1, b1) pair sums
	VEXTRACTF128  $1, Y0, X1
	VADDPD        X1, X0, X0           // (Σ gc M·0, Σ gc M·1)
	VADDPD        (R13), X0, X0
	VMOVUPD       X0, (R13)
	ADDQ          $4, AX
	ADDQ          $128, R14
	DECQ          R10
	JNZ           sump

end:
	VZEROUPPER
	RET
