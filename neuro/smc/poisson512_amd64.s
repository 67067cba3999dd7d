#include "textflag.h"

// AVX-512 versions of poissonSoftplus2AVX and poissonSoftplus3AVX (same arguments and
// semantics, see poisson_amd64.s): eight channels per block, any n (the last block masked, so
// no scalar tail), two particles at a time with their instructions interleaved (two independent
// dependency chains), the power-of-two scaling by VSCALEFPD, the selects by mask registers, and
// a few products and sums fused into FMAs. The rates and derivatives therefore differ from the
// AVX2 kernels' at rounding level only (a few ulps), and the sums and adjoints by the order of
// summation.

DATA psne0<>+0(SB)/8, $0x3ff0000000000000
GLOBL psne0<>(SB), RODATA|NOPTR, $8
DATA psne1<>+0(SB)/8, $0x3ff0000000000000
GLOBL psne1<>(SB), RODATA|NOPTR, $8
DATA psne10<>+0(SB)/8, $0x3e928b4057f44145
GLOBL psne10<>(SB), RODATA|NOPTR, $8
DATA psne11<>+0(SB)/8, $0x3e5af631d0059bec
GLOBL psne11<>(SB), RODATA|NOPTR, $8
DATA psne2<>+0(SB)/8, $0x3fe0000000000011
GLOBL psne2<>(SB), RODATA|NOPTR, $8
DATA psne3<>+0(SB)/8, $0x3fc555555555555a
GLOBL psne3<>(SB), RODATA|NOPTR, $8
DATA psne4<>+0(SB)/8, $0x3fa555555554f0cf
GLOBL psne4<>(SB), RODATA|NOPTR, $8
DATA psne5<>+0(SB)/8, $0x3f8111111110f225
GLOBL psne5<>(SB), RODATA|NOPTR, $8
DATA psne6<>+0(SB)/8, $0x3f56c16c187fbe02
GLOBL psne6<>(SB), RODATA|NOPTR, $8
DATA psne7<>+0(SB)/8, $0x3f2a01a01b14378f
GLOBL psne7<>(SB), RODATA|NOPTR, $8
DATA psne8<>+0(SB)/8, $0x3efa01991ac8730a
GLOBL psne8<>(SB), RODATA|NOPTR, $8
DATA psne9<>+0(SB)/8, $0x3ec71ddf5749d126
GLOBL psne9<>(SB), RODATA|NOPTR, $8
DATA psneps<>+0(SB)/8, $0x3eb0c6f7a0b5ed8d
GLOBL psneps<>(SB), RODATA|NOPTR, $8
DATA psnexp1<>+0(SB)/8, $0x0010000000000000
GLOBL psnexp1<>(SB), RODATA|NOPTR, $8
DATA psnhalf<>+0(SB)/8, $0x3fe0000000000000
GLOBL psnhalf<>(SB), RODATA|NOPTR, $8
DATA psnlg1<>+0(SB)/8, $0x3fe5555555555593
GLOBL psnlg1<>(SB), RODATA|NOPTR, $8
DATA psnlg2<>+0(SB)/8, $0x3fd999999997fa04
GLOBL psnlg2<>(SB), RODATA|NOPTR, $8
DATA psnlg3<>+0(SB)/8, $0x3fd2492494229359
GLOBL psnlg3<>(SB), RODATA|NOPTR, $8
DATA psnlg4<>+0(SB)/8, $0x3fcc71c51d8e78af
GLOBL psnlg4<>(SB), RODATA|NOPTR, $8
DATA psnlg5<>+0(SB)/8, $0x3fc7466496cb03de
GLOBL psnlg5<>(SB), RODATA|NOPTR, $8
DATA psnlg6<>+0(SB)/8, $0x3fc39a09d078c69f
GLOBL psnlg6<>(SB), RODATA|NOPTR, $8
DATA psnlg7<>+0(SB)/8, $0x3fc2f112df3e5244
GLOBL psnlg7<>(SB), RODATA|NOPTR, $8
DATA psnln2hi<>+0(SB)/8, $0x3fe62e42fee00000
GLOBL psnln2hi<>(SB), RODATA|NOPTR, $8
DATA psnln2lo<>+0(SB)/8, $0x3dea39ef35793c76
GLOBL psnln2lo<>(SB), RODATA|NOPTR, $8
DATA psnlog2e<>+0(SB)/8, $0x3ff71547652b82fe
GLOBL psnlog2e<>(SB), RODATA|NOPTR, $8
DATA psnone<>+0(SB)/8, $0x3ff0000000000000
GLOBL psnone<>(SB), RODATA|NOPTR, $8
DATA psnsign<>+0(SB)/8, $0x8000000000000000
GLOBL psnsign<>(SB), RODATA|NOPTR, $8
DATA psnsqrt2<>+0(SB)/8, $0x3ff6a09e667f3bcd
GLOBL psnsqrt2<>(SB), RODATA|NOPTR, $8
DATA psnnlim<>+0(SB)/8, $0xc085e00000000000 // −700
GLOBL psnnlim<>(SB), RODATA|NOPTR, $8
// psnmask[j]: the low j of eight lanes.
DATA psnmask<>+0(SB)/8, $0x7f3f1f0f07030100
GLOBL psnmask<>(SB), RODATA|NOPTR, $8

// HSUM(Z, Y, X) leaves the sum of Z's eight lanes in X0.
#define HSUM(Z, Y, X) \
	VEXTRACTF64X4 $1, Z, Y0; \
	VADDPD        Y0, Y, Y0; \
	VEXTRACTF128  $1, Y0, X1; \
	VADDPD        X1, X0, X0; \
	VHADDPD       X0, X0, X0

// func poissonSoftplus2AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)
TEXT ·poissonSoftplus2AVX512(SB), NOSPLIT, $0-96
	MOVQ h+0(FP), SI
	MOVQ stride+8(FP), R11
	MOVQ off+32(FP), DX
	MOVQ lam+40(FP), DI
	MOVQ q+48(FP), R8
	MOVQ n+56(FP), CX
	SHLQ $3, R11
	SHLQ $3, CX
	LEAQ (SI)(R11*1), R9  // H·1
	VBROADCASTSD psnone<>(SB), Z20
	VPXORQ       Z22, Z22, Z22
	XORQ         R14, R14      // particle

pair:
	MOVQ R14, R11
	INCQ R11
	CMPQ R11, K+24(FP)
	JGE  single
	MOVQ ld+64(FP), R11
	LEAQ (DI)(R11*8), R12 // rows of particle p + 1
	LEAQ (R8)(R11*8), R13
	MOVQ z+16(FP), AX
	VBROADCASTSD 0(AX), Z16
	VBROADCASTSD 8(AX), Z17
	VBROADCASTSD 16(AX), Z18
	VBROADCASTSD 16(AX), Z19
	VBROADCASTSD 24(AX), Z21
	VBROADCASTSD 32(AX), Z23
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	KXORB  K3, K3, K3     // out-of-range lanes of p
	KXORB  K6, K6, K6     // and of p + 1
	XORQ   BX, BX

pblock:
	MOVQ  CX, R11
	SUBQ  BX, R11
	JLE   pdone
	KXNORB K1, K1, K1
	CMPQ  R11, $64
	JGE   pbody
	SHRQ  $3, R11          // 1…7 channels left: the low lanes
	LEAQ  psnmask<>(SB), AX
	KMOVB (AX)(R11*1), K1

pbody:
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2) (zero in the lanes past n); flag −|η| < −700 or NaN
	VMOVUPD.Z   (DX)(BX*1), K1, Z0
	VMOVUPD.Z   (DX)(BX*1), K1, Z24
	VFMADD231PD (SI)(BX*1), Z16, K1, Z0
	VFMADD231PD (SI)(BX*1), Z19, K1, Z24
	VFMADD231PD (R9)(BX*1), Z17, K1, Z0
	VFMADD231PD (R9)(BX*1), Z21, K1, Z24
	VORPD.BCST  psnsign<>(SB), Z0, Z1
	VORPD.BCST  psnsign<>(SB), Z24, Z25
	VCMPPD.BCST $9, psnnlim<>(SB), Z1, K1, K0
	KORB        K0, K3, K3
	VCMPPD.BCST $9, psnnlim<>(SB), Z25, K1, K0
	KORB        K0, K6, K6
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by the degree-11 Chebyshev fit, times 2^k (VSCALEFPD)
	VMULPD.BCST psnlog2e<>(SB), Z1, Z2
	VMULPD.BCST psnlog2e<>(SB), Z25, Z26
	VRNDSCALEPD $0, Z2, Z2
	VRNDSCALEPD $0, Z26, Z26
	VFNMADD231PD.BCST psnln2hi<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2hi<>(SB), Z26, Z25
	VFNMADD231PD.BCST psnln2lo<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2lo<>(SB), Z26, Z25
	VMULPD Z1, Z1, Z5
	VMULPD Z25, Z25, Z29
	VBROADCASTSD psne11<>(SB), Z3
	VBROADCASTSD psne11<>(SB), Z27
	VBROADCASTSD psne10<>(SB), Z4
	VBROADCASTSD psne10<>(SB), Z28
	VFMADD213PD.BCST psne9<>(SB), Z5, Z3
	VFMADD213PD.BCST psne9<>(SB), Z29, Z27
	VFMADD213PD.BCST psne8<>(SB), Z5, Z4
	VFMADD213PD.BCST psne8<>(SB), Z29, Z28
	VFMADD213PD.BCST psne7<>(SB), Z5, Z3
	VFMADD213PD.BCST psne7<>(SB), Z29, Z27
	VFMADD213PD.BCST psne6<>(SB), Z5, Z4
	VFMADD213PD.BCST psne6<>(SB), Z29, Z28
	VFMADD213PD.BCST psne5<>(SB), Z5, Z3
	VFMADD213PD.BCST psne5<>(SB), Z29, Z27
	VFMADD213PD.BCST psne4<>(SB), Z5, Z4
	VFMADD213PD.BCST psne4<>(SB), Z29, Z28
	VFMADD213PD.BCST psne3<>(SB), Z5, Z3
	VFMADD213PD.BCST psne3<>(SB), Z29, Z27
	VFMADD213PD.BCST psne2<>(SB), Z5, Z4
	VFMADD213PD.BCST psne2<>(SB), Z29, Z28
	VFMADD213PD.BCST psne1<>(SB), Z5, Z3
	VFMADD213PD.BCST psne1<>(SB), Z29, Z27
	VFMADD213PD.BCST psne0<>(SB), Z5, Z4
	VFMADD213PD.BCST psne0<>(SB), Z29, Z28
	VFMADD231PD Z3, Z1, Z4
	VFMADD231PD Z27, Z25, Z28
	VSCALEFPD Z2, Z4, Z1
	VSCALEFPD Z26, Z28, Z25
	// u = 1 + t, e = t − (u − 1) (the rounding error of u), c = (η < 0 ? t : 1);
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits); f = m − 1, v = 1/u, s = f/(1 + m)
	VADDPD Z20, Z1, Z2
	VADDPD Z20, Z25, Z26
	VSUBPD Z20, Z2, Z3
	VSUBPD Z20, Z26, Z27
	VSUBPD Z3, Z1, Z3
	VSUBPD Z27, Z25, Z27
	VPMOVQ2M Z0, K4
	VPMOVQ2M Z24, K2
	VBLENDMPD Z1, Z20, K4, Z4
	VBLENDMPD Z25, Z20, K2, Z28
	VMAXPD Z22, Z0, Z0
	VMAXPD Z22, Z24, Z24
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z2, K5
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z26, K7
	VADDPD.BCST psnln2hi<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2hi<>(SB), Z24, K7, Z24
	VADDPD.BCST psnln2lo<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2lo<>(SB), Z24, K7, Z24
	VMOVAPD Z2, Z6
	VMOVAPD Z26, Z30
	VPSUBQ.BCST psnexp1<>(SB), Z2, K5, Z6
	VPSUBQ.BCST psnexp1<>(SB), Z26, K7, Z30
	VADDPD Z20, Z6, Z1
	VADDPD Z20, Z30, Z25
	VSUBPD Z20, Z6, Z5
	VSUBPD Z20, Z30, Z29
	VDIVPD Z2, Z20, Z7
	VDIVPD Z26, Z20, Z31
	VDIVPD Z1, Z5, Z2
	VDIVPD Z25, Z29, Z26
	// q = −c·v (stored), adj += q·H; a += e·v (log1p t = log u + e/u)
	VFNMADD213PD Z22, Z7, Z4
	VFNMADD213PD Z22, Z31, Z28
	VMOVUPD Z4, K1, (R8)(BX*1)
	VMOVUPD Z28, K1, (R13)(BX*1)
	VFMADD231PD (SI)(BX*1), Z4, K1, Z13
	VFMADD231PD (SI)(BX*1), Z28, K1, Z9
	VFMADD231PD (R9)(BX*1), Z4, K1, Z14
	VFMADD231PD (R9)(BX*1), Z28, K1, Z10
	VFMADD231PD Z3, Z7, Z0
	VFMADD231PD Z27, Z31, Z24
	// λ = a + f − (f²/2 − s·(f²/2 + R(s²))) + 1e-6
	VMULPD Z2, Z2, Z1
	VMULPD Z26, Z26, Z25
	VBROADCASTSD psnlg7<>(SB), Z3
	VBROADCASTSD psnlg7<>(SB), Z27
	VFMADD213PD.BCST psnlg6<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg6<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg5<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg5<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg4<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg4<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg3<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg3<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg2<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg2<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg1<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg1<>(SB), Z25, Z27
	VMULPD.BCST psnhalf<>(SB), Z5, Z4
	VMULPD.BCST psnhalf<>(SB), Z29, Z28
	VMULPD Z5, Z4, Z4
	VMULPD Z29, Z28, Z28
	VFMADD213PD Z4, Z1, Z3
	VFMADD213PD Z28, Z25, Z27
	VFNMADD213PD Z4, Z2, Z3
	VFNMADD213PD Z28, Z26, Z27
	VSUBPD Z5, Z3, Z3
	VSUBPD Z29, Z27, Z27
	VSUBPD Z3, Z0, Z0
	VSUBPD Z27, Z24, Z24
	VADDPD.BCST psneps<>(SB), Z0, Z0
	VADDPD.BCST psneps<>(SB), Z24, Z24
	VMOVUPD Z0, K1, (DI)(BX*1)
	VMOVUPD Z24, K1, (R12)(BX*1)
	VADDPD Z0, Z12, K1, Z12
	VADDPD Z24, Z8, K1, Z8
	ADDQ $64, BX
	JMP  pblock

pdone:
	MOVQ adj+72(FP), R11
	HSUM(Z13, Y13, X13)
	VMOVSD X0, 0(R11)
	HSUM(Z14, Y14, X14)
	VMOVSD X0, 8(R11)
	HSUM(Z9, Y9, X9)
	VMOVSD X0, 16(R11)
	HSUM(Z10, Y10, X10)
	VMOVSD X0, 24(R11)
	MOVQ     sum+80(FP), R11
	HSUM(Z12, Y12, X12)
	VMOVSD   X0, (R11)(R14*8)
	HSUM(Z8, Y8, X8)
	VMOVSD   X0, 8(R11)(R14*8)
	MOVQ     bad+88(FP), R11
	KMOVB    K3, AX
	MOVQ     AX, (R11)(R14*8)
	KMOVB    K6, AX
	MOVQ     AX, 8(R11)(R14*8)
	ADDQ     $32, adj+72(FP) // next pair
	ADDQ     $32, z+16(FP)
	MOVQ     ld+64(FP), R11
	SHLQ     $4, R11
	ADDQ     R11, DI
	ADDQ     R11, R8
	ADDQ     $2, R14
	JMP      pair

single:
	// The last particle of an odd K alone.
	CMPQ R14, K+24(FP)
	JGE  end
	MOVQ z+16(FP), AX
	VBROADCASTSD 0(AX), Z16
	VBROADCASTSD 8(AX), Z17
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	KXORB  K3, K3, K3
	XORQ   BX, BX

sblock:
	MOVQ  CX, R11
	SUBQ  BX, R11
	JLE   sdone
	KXNORB K1, K1, K1
	CMPQ  R11, $64
	JGE   sbody
	SHRQ  $3, R11          // 1…7 channels left: the low lanes
	LEAQ  psnmask<>(SB), AX
	KMOVB (AX)(R11*1), K1

sbody:
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2) (zero in the lanes past n); flag −|η| < −700 or NaN
	VMOVUPD.Z   (DX)(BX*1), K1, Z0
	VFMADD231PD (SI)(BX*1), Z16, K1, Z0
	VFMADD231PD (R9)(BX*1), Z17, K1, Z0
	VORPD.BCST  psnsign<>(SB), Z0, Z1
	VCMPPD.BCST $9, psnnlim<>(SB), Z1, K1, K0
	KORB        K0, K3, K3
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by the degree-11 Chebyshev fit, times 2^k (VSCALEFPD)
	VMULPD.BCST psnlog2e<>(SB), Z1, Z2
	VRNDSCALEPD $0, Z2, Z2
	VFNMADD231PD.BCST psnln2hi<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2lo<>(SB), Z2, Z1
	VMULPD Z1, Z1, Z5
	VBROADCASTSD psne11<>(SB), Z3
	VBROADCASTSD psne10<>(SB), Z4
	VFMADD213PD.BCST psne9<>(SB), Z5, Z3
	VFMADD213PD.BCST psne8<>(SB), Z5, Z4
	VFMADD213PD.BCST psne7<>(SB), Z5, Z3
	VFMADD213PD.BCST psne6<>(SB), Z5, Z4
	VFMADD213PD.BCST psne5<>(SB), Z5, Z3
	VFMADD213PD.BCST psne4<>(SB), Z5, Z4
	VFMADD213PD.BCST psne3<>(SB), Z5, Z3
	VFMADD213PD.BCST psne2<>(SB), Z5, Z4
	VFMADD213PD.BCST psne1<>(SB), Z5, Z3
	VFMADD213PD.BCST psne0<>(SB), Z5, Z4
	VFMADD231PD Z3, Z1, Z4
	VSCALEFPD Z2, Z4, Z1
	// u = 1 + t, e = t − (u − 1) (the rounding error of u), c = (η < 0 ? t : 1);
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits); f = m − 1, v = 1/u, s = f/(1 + m)
	VADDPD Z20, Z1, Z2
	VSUBPD Z20, Z2, Z3
	VSUBPD Z3, Z1, Z3
	VPMOVQ2M Z0, K4
	VBLENDMPD Z1, Z20, K4, Z4
	VMAXPD Z22, Z0, Z0
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z2, K5
	VADDPD.BCST psnln2hi<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2lo<>(SB), Z0, K5, Z0
	VMOVAPD Z2, Z6
	VPSUBQ.BCST psnexp1<>(SB), Z2, K5, Z6
	VADDPD Z20, Z6, Z1
	VSUBPD Z20, Z6, Z5
	VDIVPD Z2, Z20, Z7
	VDIVPD Z1, Z5, Z2
	// q = −c·v (stored), adj += q·H; a += e·v (log1p t = log u + e/u)
	VFNMADD213PD Z22, Z7, Z4
	VMOVUPD Z4, K1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Z4, K1, Z13
	VFMADD231PD (R9)(BX*1), Z4, K1, Z14
	VFMADD231PD Z3, Z7, Z0
	// λ = a + f − (f²/2 − s·(f²/2 + R(s²))) + 1e-6
	VMULPD Z2, Z2, Z1
	VBROADCASTSD psnlg7<>(SB), Z3
	VFMADD213PD.BCST psnlg6<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg5<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg4<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg3<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg2<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg1<>(SB), Z1, Z3
	VMULPD.BCST psnhalf<>(SB), Z5, Z4
	VMULPD Z5, Z4, Z4
	VFMADD213PD Z4, Z1, Z3
	VFNMADD213PD Z4, Z2, Z3
	VSUBPD Z5, Z3, Z3
	VSUBPD Z3, Z0, Z0
	VADDPD.BCST psneps<>(SB), Z0, Z0
	VMOVUPD Z0, K1, (DI)(BX*1)
	VADDPD Z0, Z12, K1, Z12
	ADDQ $64, BX
	JMP  sblock

sdone:
	MOVQ adj+72(FP), R11
	HSUM(Z13, Y13, X13)
	VMOVSD X0, 0(R11)
	HSUM(Z14, Y14, X14)
	VMOVSD X0, 8(R11)
	MOVQ     sum+80(FP), R11
	HSUM(Z12, Y12, X12)
	VMOVSD   X0, (R11)(R14*8)
	MOVQ     bad+88(FP), R11
	KMOVB    K3, AX
	MOVQ     AX, (R11)(R14*8)

end:
	VZEROUPPER
	RET

// func poissonSoftplus3AVX512(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)
TEXT ·poissonSoftplus3AVX512(SB), NOSPLIT, $0-96
	MOVQ h+0(FP), SI
	MOVQ stride+8(FP), R11
	MOVQ off+32(FP), DX
	MOVQ lam+40(FP), DI
	MOVQ q+48(FP), R8
	MOVQ n+56(FP), CX
	SHLQ $3, R11
	SHLQ $3, CX
	LEAQ (SI)(R11*1), R9  // H·1
	LEAQ (SI)(R11*2), R10 // H·2
	VBROADCASTSD psnone<>(SB), Z20
	VPXORQ       Z22, Z22, Z22
	XORQ         R14, R14      // particle

pair:
	MOVQ R14, R11
	INCQ R11
	CMPQ R11, K+24(FP)
	JGE  single
	MOVQ ld+64(FP), R11
	LEAQ (DI)(R11*8), R12 // rows of particle p + 1
	LEAQ (R8)(R11*8), R13
	MOVQ z+16(FP), AX
	VBROADCASTSD 0(AX), Z16
	VBROADCASTSD 8(AX), Z17
	VBROADCASTSD 16(AX), Z18
	VBROADCASTSD 24(AX), Z19
	VBROADCASTSD 32(AX), Z21
	VBROADCASTSD 40(AX), Z23
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	KXORB  K3, K3, K3     // out-of-range lanes of p
	KXORB  K6, K6, K6     // and of p + 1
	XORQ   BX, BX

pblock:
	MOVQ  CX, R11
	SUBQ  BX, R11
	JLE   pdone
	KXNORB K1, K1, K1
	CMPQ  R11, $64
	JGE   pbody
	SHRQ  $3, R11          // 1…7 channels left: the low lanes
	LEAQ  psnmask<>(SB), AX
	KMOVB (AX)(R11*1), K1

pbody:
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2) (zero in the lanes past n); flag −|η| < −700 or NaN
	VMOVUPD.Z   (DX)(BX*1), K1, Z0
	VMOVUPD.Z   (DX)(BX*1), K1, Z24
	VFMADD231PD (SI)(BX*1), Z16, K1, Z0
	VFMADD231PD (SI)(BX*1), Z19, K1, Z24
	VFMADD231PD (R9)(BX*1), Z17, K1, Z0
	VFMADD231PD (R9)(BX*1), Z21, K1, Z24
	VFMADD231PD (R10)(BX*1), Z18, K1, Z0
	VFMADD231PD (R10)(BX*1), Z23, K1, Z24
	VORPD.BCST  psnsign<>(SB), Z0, Z1
	VORPD.BCST  psnsign<>(SB), Z24, Z25
	VCMPPD.BCST $9, psnnlim<>(SB), Z1, K1, K0
	KORB        K0, K3, K3
	VCMPPD.BCST $9, psnnlim<>(SB), Z25, K1, K0
	KORB        K0, K6, K6
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by the degree-11 Chebyshev fit, times 2^k (VSCALEFPD)
	VMULPD.BCST psnlog2e<>(SB), Z1, Z2
	VMULPD.BCST psnlog2e<>(SB), Z25, Z26
	VRNDSCALEPD $0, Z2, Z2
	VRNDSCALEPD $0, Z26, Z26
	VFNMADD231PD.BCST psnln2hi<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2hi<>(SB), Z26, Z25
	VFNMADD231PD.BCST psnln2lo<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2lo<>(SB), Z26, Z25
	VMULPD Z1, Z1, Z5
	VMULPD Z25, Z25, Z29
	VBROADCASTSD psne11<>(SB), Z3
	VBROADCASTSD psne11<>(SB), Z27
	VBROADCASTSD psne10<>(SB), Z4
	VBROADCASTSD psne10<>(SB), Z28
	VFMADD213PD.BCST psne9<>(SB), Z5, Z3
	VFMADD213PD.BCST psne9<>(SB), Z29, Z27
	VFMADD213PD.BCST psne8<>(SB), Z5, Z4
	VFMADD213PD.BCST psne8<>(SB), Z29, Z28
	VFMADD213PD.BCST psne7<>(SB), Z5, Z3
	VFMADD213PD.BCST psne7<>(SB), Z29, Z27
	VFMADD213PD.BCST psne6<>(SB), Z5, Z4
	VFMADD213PD.BCST psne6<>(SB), Z29, Z28
	VFMADD213PD.BCST psne5<>(SB), Z5, Z3
	VFMADD213PD.BCST psne5<>(SB), Z29, Z27
	VFMADD213PD.BCST psne4<>(SB), Z5, Z4
	VFMADD213PD.BCST psne4<>(SB), Z29, Z28
	VFMADD213PD.BCST psne3<>(SB), Z5, Z3
	VFMADD213PD.BCST psne3<>(SB), Z29, Z27
	VFMADD213PD.BCST psne2<>(SB), Z5, Z4
	VFMADD213PD.BCST psne2<>(SB), Z29, Z28
	VFMADD213PD.BCST psne1<>(SB), Z5, Z3
	VFMADD213PD.BCST psne1<>(SB), Z29, Z27
	VFMADD213PD.BCST psne0<>(SB), Z5, Z4
	VFMADD213PD.BCST psne0<>(SB), Z29, Z28
	VFMADD231PD Z3, Z1, Z4
	VFMADD231PD Z27, Z25, Z28
	VSCALEFPD Z2, Z4, Z1
	VSCALEFPD Z26, Z28, Z25
	// u = 1 + t, e = t − (u − 1) (the rounding error of u), c = (η < 0 ? t : 1);
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits); f = m − 1, v = 1/u, s = f/(1 + m)
	VADDPD Z20, Z1, Z2
	VADDPD Z20, Z25, Z26
	VSUBPD Z20, Z2, Z3
	VSUBPD Z20, Z26, Z27
	VSUBPD Z3, Z1, Z3
	VSUBPD Z27, Z25, Z27
	VPMOVQ2M Z0, K4
	VPMOVQ2M Z24, K2
	VBLENDMPD Z1, Z20, K4, Z4
	VBLENDMPD Z25, Z20, K2, Z28
	VMAXPD Z22, Z0, Z0
	VMAXPD Z22, Z24, Z24
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z2, K5
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z26, K7
	VADDPD.BCST psnln2hi<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2hi<>(SB), Z24, K7, Z24
	VADDPD.BCST psnln2lo<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2lo<>(SB), Z24, K7, Z24
	VMOVAPD Z2, Z6
	VMOVAPD Z26, Z30
	VPSUBQ.BCST psnexp1<>(SB), Z2, K5, Z6
	VPSUBQ.BCST psnexp1<>(SB), Z26, K7, Z30
	VADDPD Z20, Z6, Z1
	VADDPD Z20, Z30, Z25
	VSUBPD Z20, Z6, Z5
	VSUBPD Z20, Z30, Z29
	VDIVPD Z2, Z20, Z7
	VDIVPD Z26, Z20, Z31
	VDIVPD Z1, Z5, Z2
	VDIVPD Z25, Z29, Z26
	// q = −c·v (stored), adj += q·H; a += e·v (log1p t = log u + e/u)
	VFNMADD213PD Z22, Z7, Z4
	VFNMADD213PD Z22, Z31, Z28
	VMOVUPD Z4, K1, (R8)(BX*1)
	VMOVUPD Z28, K1, (R13)(BX*1)
	VFMADD231PD (SI)(BX*1), Z4, K1, Z13
	VFMADD231PD (SI)(BX*1), Z28, K1, Z9
	VFMADD231PD (R9)(BX*1), Z4, K1, Z14
	VFMADD231PD (R9)(BX*1), Z28, K1, Z10
	VFMADD231PD (R10)(BX*1), Z4, K1, Z15
	VFMADD231PD (R10)(BX*1), Z28, K1, Z11
	VFMADD231PD Z3, Z7, Z0
	VFMADD231PD Z27, Z31, Z24
	// λ = a + f − (f²/2 − s·(f²/2 + R(s²))) + 1e-6
	VMULPD Z2, Z2, Z1
	VMULPD Z26, Z26, Z25
	VBROADCASTSD psnlg7<>(SB), Z3
	VBROADCASTSD psnlg7<>(SB), Z27
	VFMADD213PD.BCST psnlg6<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg6<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg5<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg5<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg4<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg4<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg3<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg3<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg2<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg2<>(SB), Z25, Z27
	VFMADD213PD.BCST psnlg1<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg1<>(SB), Z25, Z27
	VMULPD.BCST psnhalf<>(SB), Z5, Z4
	VMULPD.BCST psnhalf<>(SB), Z29, Z28
	VMULPD Z5, Z4, Z4
	VMULPD Z29, Z28, Z28
	VFMADD213PD Z4, Z1, Z3
	VFMADD213PD Z28, Z25, Z27
	VFNMADD213PD Z4, Z2, Z3
	VFNMADD213PD Z28, Z26, Z27
	VSUBPD Z5, Z3, Z3
	VSUBPD Z29, Z27, Z27
	VSUBPD Z3, Z0, Z0
	VSUBPD Z27, Z24, Z24
	VADDPD.BCST psneps<>(SB), Z0, Z0
	VADDPD.BCST psneps<>(SB), Z24, Z24
	VMOVUPD Z0, K1, (DI)(BX*1)
	VMOVUPD Z24, K1, (R12)(BX*1)
	VADDPD Z0, Z12, K1, Z12
	VADDPD Z24, Z8, K1, Z8
	ADDQ $64, BX
	JMP  pblock

pdone:
	MOVQ adj+72(FP), R11
	HSUM(Z13, Y13, X13)
	VMOVSD X0, 0(R11)
	HSUM(Z14, Y14, X14)
	VMOVSD X0, 8(R11)
	HSUM(Z15, Y15, X15)
	VMOVSD X0, 16(R11)
	HSUM(Z9, Y9, X9)
	VMOVSD X0, 24(R11)
	HSUM(Z10, Y10, X10)
	VMOVSD X0, 32(R11)
	HSUM(Z11, Y11, X11)
	VMOVSD X0, 40(R11)
	MOVQ     sum+80(FP), R11
	HSUM(Z12, Y12, X12)
	VMOVSD   X0, (R11)(R14*8)
	HSUM(Z8, Y8, X8)
	VMOVSD   X0, 8(R11)(R14*8)
	MOVQ     bad+88(FP), R11
	KMOVB    K3, AX
	MOVQ     AX, (R11)(R14*8)
	KMOVB    K6, AX
	MOVQ     AX, 8(R11)(R14*8)
	ADDQ     $48, adj+72(FP) // next pair
	ADDQ     $48, z+16(FP)
	MOVQ     ld+64(FP), R11
	SHLQ     $4, R11
	ADDQ     R11, DI
	ADDQ     R11, R8
	ADDQ     $2, R14
	JMP      pair

single:
	// The last particle of an odd K alone.
	CMPQ R14, K+24(FP)
	JGE  end
	MOVQ z+16(FP), AX
	VBROADCASTSD 0(AX), Z16
	VBROADCASTSD 8(AX), Z17
	VBROADCASTSD 16(AX), Z18
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	KXORB  K3, K3, K3
	XORQ   BX, BX

sblock:
	MOVQ  CX, R11
	SUBQ  BX, R11
	JLE   sdone
	KXNORB K1, K1, K1
	CMPQ  R11, $64
	JGE   sbody
	SHRQ  $3, R11          // 1…7 channels left: the low lanes
	LEAQ  psnmask<>(SB), AX
	KMOVB (AX)(R11*1), K1

sbody:
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2) (zero in the lanes past n); flag −|η| < −700 or NaN
	VMOVUPD.Z   (DX)(BX*1), K1, Z0
	VFMADD231PD (SI)(BX*1), Z16, K1, Z0
	VFMADD231PD (R9)(BX*1), Z17, K1, Z0
	VFMADD231PD (R10)(BX*1), Z18, K1, Z0
	VORPD.BCST  psnsign<>(SB), Z0, Z1
	VCMPPD.BCST $9, psnnlim<>(SB), Z1, K1, K0
	KORB        K0, K3, K3
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by the degree-11 Chebyshev fit, times 2^k (VSCALEFPD)
	VMULPD.BCST psnlog2e<>(SB), Z1, Z2
	VRNDSCALEPD $0, Z2, Z2
	VFNMADD231PD.BCST psnln2hi<>(SB), Z2, Z1
	VFNMADD231PD.BCST psnln2lo<>(SB), Z2, Z1
	VMULPD Z1, Z1, Z5
	VBROADCASTSD psne11<>(SB), Z3
	VBROADCASTSD psne10<>(SB), Z4
	VFMADD213PD.BCST psne9<>(SB), Z5, Z3
	VFMADD213PD.BCST psne8<>(SB), Z5, Z4
	VFMADD213PD.BCST psne7<>(SB), Z5, Z3
	VFMADD213PD.BCST psne6<>(SB), Z5, Z4
	VFMADD213PD.BCST psne5<>(SB), Z5, Z3
	VFMADD213PD.BCST psne4<>(SB), Z5, Z4
	VFMADD213PD.BCST psne3<>(SB), Z5, Z3
	VFMADD213PD.BCST psne2<>(SB), Z5, Z4
	VFMADD213PD.BCST psne1<>(SB), Z5, Z3
	VFMADD213PD.BCST psne0<>(SB), Z5, Z4
	VFMADD231PD Z3, Z1, Z4
	VSCALEFPD Z2, Z4, Z1
	// u = 1 + t, e = t − (u − 1) (the rounding error of u), c = (η < 0 ? t : 1);
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits); f = m − 1, v = 1/u, s = f/(1 + m)
	VADDPD Z20, Z1, Z2
	VSUBPD Z20, Z2, Z3
	VSUBPD Z3, Z1, Z3
	VPMOVQ2M Z0, K4
	VBLENDMPD Z1, Z20, K4, Z4
	VMAXPD Z22, Z0, Z0
	VCMPPD.BCST $14, psnsqrt2<>(SB), Z2, K5
	VADDPD.BCST psnln2hi<>(SB), Z0, K5, Z0
	VADDPD.BCST psnln2lo<>(SB), Z0, K5, Z0
	VMOVAPD Z2, Z6
	VPSUBQ.BCST psnexp1<>(SB), Z2, K5, Z6
	VADDPD Z20, Z6, Z1
	VSUBPD Z20, Z6, Z5
	VDIVPD Z2, Z20, Z7
	VDIVPD Z1, Z5, Z2
	// q = −c·v (stored), adj += q·H; a += e·v (log1p t = log u + e/u)
	VFNMADD213PD Z22, Z7, Z4
	VMOVUPD Z4, K1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Z4, K1, Z13
	VFMADD231PD (R9)(BX*1), Z4, K1, Z14
	VFMADD231PD (R10)(BX*1), Z4, K1, Z15
	VFMADD231PD Z3, Z7, Z0
	// λ = a + f − (f²/2 − s·(f²/2 + R(s²))) + 1e-6
	VMULPD Z2, Z2, Z1
	VBROADCASTSD psnlg7<>(SB), Z3
	VFMADD213PD.BCST psnlg6<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg5<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg4<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg3<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg2<>(SB), Z1, Z3
	VFMADD213PD.BCST psnlg1<>(SB), Z1, Z3
	VMULPD.BCST psnhalf<>(SB), Z5, Z4
	VMULPD Z5, Z4, Z4
	VFMADD213PD Z4, Z1, Z3
	VFNMADD213PD Z4, Z2, Z3
	VSUBPD Z5, Z3, Z3
	VSUBPD Z3, Z0, Z0
	VADDPD.BCST psneps<>(SB), Z0, Z0
	VMOVUPD Z0, K1, (DI)(BX*1)
	VADDPD Z0, Z12, K1, Z12
	ADDQ $64, BX
	JMP  sblock

sdone:
	MOVQ adj+72(FP), R11
	HSUM(Z13, Y13, X13)
	VMOVSD X0, 0(R11)
	HSUM(Z14, Y14, X14)
	VMOVSD X0, 8(R11)
	HSUM(Z15, Y15, X15)
	VMOVSD X0, 16(R11)
	MOVQ     sum+80(FP), R11
	HSUM(Z12, Y12, X12)
	VMOVSD   X0, (R11)(R14*8)
	MOVQ     bad+88(FP), R11
	KMOVB    K3, AX
	MOVQ     AX, (R11)(R14*8)

end:
	VZEROUPPER
	RET
