#include "textflag.h"

// 4-wide constants of the Poisson kernels (bit patterns; eN: the degree-11 Chebyshev fit of e^r on
// |r| ≤ ln 2/2, relative error 1.7e-17 with these coefficients; lgN as in fastmath.go).
DATA psnone<>+0(SB)/8, $0x3ff0000000000000
DATA psnone<>+8(SB)/8, $0x3ff0000000000000
DATA psnone<>+16(SB)/8, $0x3ff0000000000000
DATA psnone<>+24(SB)/8, $0x3ff0000000000000
GLOBL psnone<>(SB), RODATA|NOPTR, $32
DATA psntwo<>+0(SB)/8, $0x4000000000000000
DATA psntwo<>+8(SB)/8, $0x4000000000000000
DATA psntwo<>+16(SB)/8, $0x4000000000000000
DATA psntwo<>+24(SB)/8, $0x4000000000000000
GLOBL psntwo<>(SB), RODATA|NOPTR, $32
DATA psnhalf<>+0(SB)/8, $0x3fe0000000000000
DATA psnhalf<>+8(SB)/8, $0x3fe0000000000000
DATA psnhalf<>+16(SB)/8, $0x3fe0000000000000
DATA psnhalf<>+24(SB)/8, $0x3fe0000000000000
GLOBL psnhalf<>(SB), RODATA|NOPTR, $32
DATA psnsign<>+0(SB)/8, $0x8000000000000000
DATA psnsign<>+8(SB)/8, $0x8000000000000000
DATA psnsign<>+16(SB)/8, $0x8000000000000000
DATA psnsign<>+24(SB)/8, $0x8000000000000000
GLOBL psnsign<>(SB), RODATA|NOPTR, $32
DATA psnabs<>+0(SB)/8, $0x7fffffffffffffff
DATA psnabs<>+8(SB)/8, $0x7fffffffffffffff
DATA psnabs<>+16(SB)/8, $0x7fffffffffffffff
DATA psnabs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL psnabs<>(SB), RODATA|NOPTR, $32
DATA psnlim<>+0(SB)/8, $0x4085e00000000000
DATA psnlim<>+8(SB)/8, $0x4085e00000000000
DATA psnlim<>+16(SB)/8, $0x4085e00000000000
DATA psnlim<>+24(SB)/8, $0x4085e00000000000
GLOBL psnlim<>(SB), RODATA|NOPTR, $32
DATA psneps<>+0(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA psneps<>+8(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA psneps<>+16(SB)/8, $0x3eb0c6f7a0b5ed8d
DATA psneps<>+24(SB)/8, $0x3eb0c6f7a0b5ed8d
GLOBL psneps<>(SB), RODATA|NOPTR, $32
DATA psnsqrt2<>+0(SB)/8, $0x3ff6a09e667f3bcd
DATA psnsqrt2<>+8(SB)/8, $0x3ff6a09e667f3bcd
DATA psnsqrt2<>+16(SB)/8, $0x3ff6a09e667f3bcd
DATA psnsqrt2<>+24(SB)/8, $0x3ff6a09e667f3bcd
GLOBL psnsqrt2<>(SB), RODATA|NOPTR, $32
DATA psnlog2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA psnlog2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA psnlog2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA psnlog2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL psnlog2e<>(SB), RODATA|NOPTR, $32
DATA psnln2hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA psnln2hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA psnln2hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA psnln2hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL psnln2hi<>(SB), RODATA|NOPTR, $32
DATA psnln2lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA psnln2lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA psnln2lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA psnln2lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL psnln2lo<>(SB), RODATA|NOPTR, $32
DATA psnmagic<>+0(SB)/8, $0x4338000000000000
DATA psnmagic<>+8(SB)/8, $0x4338000000000000
DATA psnmagic<>+16(SB)/8, $0x4338000000000000
DATA psnmagic<>+24(SB)/8, $0x4338000000000000
GLOBL psnmagic<>(SB), RODATA|NOPTR, $32
DATA psne0<>+0(SB)/8, $0x3ff0000000000000
DATA psne0<>+8(SB)/8, $0x3ff0000000000000
DATA psne0<>+16(SB)/8, $0x3ff0000000000000
DATA psne0<>+24(SB)/8, $0x3ff0000000000000
GLOBL psne0<>(SB), RODATA|NOPTR, $32
DATA psne1<>+0(SB)/8, $0x3ff0000000000000
DATA psne1<>+8(SB)/8, $0x3ff0000000000000
DATA psne1<>+16(SB)/8, $0x3ff0000000000000
DATA psne1<>+24(SB)/8, $0x3ff0000000000000
GLOBL psne1<>(SB), RODATA|NOPTR, $32
DATA psne2<>+0(SB)/8, $0x3fe0000000000011
DATA psne2<>+8(SB)/8, $0x3fe0000000000011
DATA psne2<>+16(SB)/8, $0x3fe0000000000011
DATA psne2<>+24(SB)/8, $0x3fe0000000000011
GLOBL psne2<>(SB), RODATA|NOPTR, $32
DATA psne3<>+0(SB)/8, $0x3fc555555555555a
DATA psne3<>+8(SB)/8, $0x3fc555555555555a
DATA psne3<>+16(SB)/8, $0x3fc555555555555a
DATA psne3<>+24(SB)/8, $0x3fc555555555555a
GLOBL psne3<>(SB), RODATA|NOPTR, $32
DATA psne4<>+0(SB)/8, $0x3fa555555554f0cf
DATA psne4<>+8(SB)/8, $0x3fa555555554f0cf
DATA psne4<>+16(SB)/8, $0x3fa555555554f0cf
DATA psne4<>+24(SB)/8, $0x3fa555555554f0cf
GLOBL psne4<>(SB), RODATA|NOPTR, $32
DATA psne5<>+0(SB)/8, $0x3f8111111110f225
DATA psne5<>+8(SB)/8, $0x3f8111111110f225
DATA psne5<>+16(SB)/8, $0x3f8111111110f225
DATA psne5<>+24(SB)/8, $0x3f8111111110f225
GLOBL psne5<>(SB), RODATA|NOPTR, $32
DATA psne6<>+0(SB)/8, $0x3f56c16c187fbe02
DATA psne6<>+8(SB)/8, $0x3f56c16c187fbe02
DATA psne6<>+16(SB)/8, $0x3f56c16c187fbe02
DATA psne6<>+24(SB)/8, $0x3f56c16c187fbe02
GLOBL psne6<>(SB), RODATA|NOPTR, $32
DATA psne7<>+0(SB)/8, $0x3f2a01a01b14378f
DATA psne7<>+8(SB)/8, $0x3f2a01a01b14378f
DATA psne7<>+16(SB)/8, $0x3f2a01a01b14378f
DATA psne7<>+24(SB)/8, $0x3f2a01a01b14378f
GLOBL psne7<>(SB), RODATA|NOPTR, $32
DATA psne8<>+0(SB)/8, $0x3efa01991ac8730a
DATA psne8<>+8(SB)/8, $0x3efa01991ac8730a
DATA psne8<>+16(SB)/8, $0x3efa01991ac8730a
DATA psne8<>+24(SB)/8, $0x3efa01991ac8730a
GLOBL psne8<>(SB), RODATA|NOPTR, $32
DATA psne9<>+0(SB)/8, $0x3ec71ddf5749d126
DATA psne9<>+8(SB)/8, $0x3ec71ddf5749d126
DATA psne9<>+16(SB)/8, $0x3ec71ddf5749d126
DATA psne9<>+24(SB)/8, $0x3ec71ddf5749d126
GLOBL psne9<>(SB), RODATA|NOPTR, $32
DATA psne10<>+0(SB)/8, $0x3e928b4057f44145
DATA psne10<>+8(SB)/8, $0x3e928b4057f44145
DATA psne10<>+16(SB)/8, $0x3e928b4057f44145
DATA psne10<>+24(SB)/8, $0x3e928b4057f44145
GLOBL psne10<>(SB), RODATA|NOPTR, $32
DATA psne11<>+0(SB)/8, $0x3e5af631d0059bec
DATA psne11<>+8(SB)/8, $0x3e5af631d0059bec
DATA psne11<>+16(SB)/8, $0x3e5af631d0059bec
DATA psne11<>+24(SB)/8, $0x3e5af631d0059bec
GLOBL psne11<>(SB), RODATA|NOPTR, $32
DATA psnexp1<>+0(SB)/8, $0x0010000000000000
DATA psnexp1<>+8(SB)/8, $0x0010000000000000
DATA psnexp1<>+16(SB)/8, $0x0010000000000000
DATA psnexp1<>+24(SB)/8, $0x0010000000000000
GLOBL psnexp1<>(SB), RODATA|NOPTR, $32
DATA psnlg1<>+0(SB)/8, $0x3fe5555555555593
DATA psnlg1<>+8(SB)/8, $0x3fe5555555555593
DATA psnlg1<>+16(SB)/8, $0x3fe5555555555593
DATA psnlg1<>+24(SB)/8, $0x3fe5555555555593
GLOBL psnlg1<>(SB), RODATA|NOPTR, $32
DATA psnlg2<>+0(SB)/8, $0x3fd999999997fa04
DATA psnlg2<>+8(SB)/8, $0x3fd999999997fa04
DATA psnlg2<>+16(SB)/8, $0x3fd999999997fa04
DATA psnlg2<>+24(SB)/8, $0x3fd999999997fa04
GLOBL psnlg2<>(SB), RODATA|NOPTR, $32
DATA psnlg3<>+0(SB)/8, $0x3fd2492494229359
DATA psnlg3<>+8(SB)/8, $0x3fd2492494229359
DATA psnlg3<>+16(SB)/8, $0x3fd2492494229359
DATA psnlg3<>+24(SB)/8, $0x3fd2492494229359
GLOBL psnlg3<>(SB), RODATA|NOPTR, $32
DATA psnlg4<>+0(SB)/8, $0x3fcc71c51d8e78af
DATA psnlg4<>+8(SB)/8, $0x3fcc71c51d8e78af
DATA psnlg4<>+16(SB)/8, $0x3fcc71c51d8e78af
DATA psnlg4<>+24(SB)/8, $0x3fcc71c51d8e78af
GLOBL psnlg4<>(SB), RODATA|NOPTR, $32
DATA psnlg5<>+0(SB)/8, $0x3fc7466496cb03de
DATA psnlg5<>+8(SB)/8, $0x3fc7466496cb03de
DATA psnlg5<>+16(SB)/8, $0x3fc7466496cb03de
DATA psnlg5<>+24(SB)/8, $0x3fc7466496cb03de
GLOBL psnlg5<>(SB), RODATA|NOPTR, $32
DATA psnlg6<>+0(SB)/8, $0x3fc39a09d078c69f
DATA psnlg6<>+8(SB)/8, $0x3fc39a09d078c69f
DATA psnlg6<>+16(SB)/8, $0x3fc39a09d078c69f
DATA psnlg6<>+24(SB)/8, $0x3fc39a09d078c69f
GLOBL psnlg6<>(SB), RODATA|NOPTR, $32
DATA psnlg7<>+0(SB)/8, $0x3fc2f112df3e5244
DATA psnlg7<>+8(SB)/8, $0x3fc2f112df3e5244
DATA psnlg7<>+16(SB)/8, $0x3fc2f112df3e5244
DATA psnlg7<>+24(SB)/8, $0x3fc2f112df3e5244
GLOBL psnlg7<>(SB), RODATA|NOPTR, $32

// poissonSoftplus2AVX and poissonSoftplus3AVX (ranks 2 and 3): for each of K particles p (z_p at
// z + R·p, rows of stride ld in lam and q, outputs adj + R·p, sum[p], bad[p]) and channels
// i < n (a multiple of 4), eight (then four) at a time and all in registers,
// η_i = off_i + Σ_r H_ri z_r (h = [H·0 | H·1 | H·2], each stride long), t = exp(−|η_i|) (the
// reduction of expAVX), log1p t = log(1 + t) + the rounding error of 1 + t (the reduction of
// logAVX on 1 + t ∈ (1, 2]), λ_i = max(η_i, 0) + log1p t + 1e-6 (stored in lam) and
// q_i = −σ(η_i) = −(η_i < 0 ? t : 1)/(1 + t) (stored in q); sum[p] = Σ_i λ_i,
// adj_r = Σ_i H_ri q_i, and bad[p] ≠ 0 when some |η_i| > 700 or is NaN (p's results are then
// void).

// func poissonSoftplus2AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)
TEXT ·poissonSoftplus2AVX(SB), NOSPLIT, $0-96
	MOVQ h+0(FP), SI
	MOVQ stride+8(FP), R11
	MOVQ z+16(FP), AX
	MOVQ off+32(FP), DX
	MOVQ lam+40(FP), DI
	MOVQ q+48(FP), R8
	MOVQ n+56(FP), CX
	SHLQ $3, R11
	SHLQ $3, CX
	LEAQ (SI)(R11*1), R9  // H·1
	XORQ R14, R14         // particle

particle:
	CMPQ R14, K+24(FP)
	JGE  end
	VXORPD Y12, Y12, Y12  // Σ λ
	VXORPD Y13, Y13, Y13  // adj_0
	VXORPD Y14, Y14, Y14  // adj_1
	VXORPD Y15, Y15, Y15  // adj_2
	XORQ   R12, R12       // out-of-range lanes
	XORQ   BX, BX

pair:
	MOVQ CX, R11
	SUBQ BX, R11
	CMPQ R11, $64
	JLT  single
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2); flag |η| > 700 or NaN
	VBROADCASTSD 0(AX), Y1
	VMOVUPD (SI)(BX*1), Y0
	VFMADD213PD (DX)(BX*1), Y1, Y0
	VBROADCASTSD 8(AX), Y1
	VFMADD231PD (R9)(BX*1), Y1, Y0
	VANDPD psnabs<>(SB), Y0, Y1
	VCMPPD $6, psnlim<>(SB), Y1, Y2
	VMOVMSKPD Y2, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y1, Y1
	VBROADCASTSD 0(AX), Y7
	VMOVUPD 32(SI)(BX*1), Y6
	VFMADD213PD 32(DX)(BX*1), Y7, Y6
	VBROADCASTSD 8(AX), Y7
	VFMADD231PD 32(R9)(BX*1), Y7, Y6
	VANDPD psnabs<>(SB), Y6, Y7
	VCMPPD $6, psnlim<>(SB), Y7, Y8
	VMOVMSKPD Y8, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y7, Y7
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by a degree-11 Chebyshev fit (even and odd parts in r²), times 2^k
	// (k added to the exponent bits)
	VMULPD psnlog2e<>(SB), Y1, Y2
	VROUNDPD $0, Y2, Y2
	VFNMADD231PD psnln2hi<>(SB), Y2, Y1
	VFNMADD231PD psnln2lo<>(SB), Y2, Y1
	VMULPD Y1, Y1, Y5
	VMOVUPD psne11<>(SB), Y3
	VMOVUPD psne10<>(SB), Y4
	VFMADD213PD psne9<>(SB), Y5, Y3
	VFMADD213PD psne8<>(SB), Y5, Y4
	VFMADD213PD psne7<>(SB), Y5, Y3
	VFMADD213PD psne6<>(SB), Y5, Y4
	VFMADD213PD psne5<>(SB), Y5, Y3
	VFMADD213PD psne4<>(SB), Y5, Y4
	VFMADD213PD psne3<>(SB), Y5, Y3
	VFMADD213PD psne2<>(SB), Y5, Y4
	VFMADD213PD psne1<>(SB), Y5, Y3
	VFMADD213PD psne0<>(SB), Y5, Y4
	VFMADD231PD Y3, Y1, Y4
	VADDPD psnmagic<>(SB), Y2, Y2
	VPSUBQ psnmagic<>(SB), Y2, Y2
	VPSLLQ $52, Y2, Y2
	VPADDQ Y2, Y4, Y1
	VMULPD psnlog2e<>(SB), Y7, Y8
	VROUNDPD $0, Y8, Y8
	VFNMADD231PD psnln2hi<>(SB), Y8, Y7
	VFNMADD231PD psnln2lo<>(SB), Y8, Y7
	VMULPD Y7, Y7, Y11
	VMOVUPD psne11<>(SB), Y9
	VMOVUPD psne10<>(SB), Y10
	VFMADD213PD psne9<>(SB), Y11, Y9
	VFMADD213PD psne8<>(SB), Y11, Y10
	VFMADD213PD psne7<>(SB), Y11, Y9
	VFMADD213PD psne6<>(SB), Y11, Y10
	VFMADD213PD psne5<>(SB), Y11, Y9
	VFMADD213PD psne4<>(SB), Y11, Y10
	VFMADD213PD psne3<>(SB), Y11, Y9
	VFMADD213PD psne2<>(SB), Y11, Y10
	VFMADD213PD psne1<>(SB), Y11, Y9
	VFMADD213PD psne0<>(SB), Y11, Y10
	VFMADD231PD Y9, Y7, Y10
	VADDPD psnmagic<>(SB), Y8, Y8
	VPSUBQ psnmagic<>(SB), Y8, Y8
	VPSLLQ $52, Y8, Y8
	VPADDQ Y8, Y10, Y7
	// u = 1 + t; park t − (u − 1) (the rounding error of u) in lam and (η < 0 ? t : 1) in q;
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits);
	// f = m − 1, v = 1/u, s = f/(1 + m) = f/(2 + f)
	VADDPD psnone<>(SB), Y1, Y2
	VSUBPD psnone<>(SB), Y2, Y3
	VSUBPD Y3, Y1, Y3
	VMOVUPD Y3, (DI)(BX*1)
	VMOVUPD psnone<>(SB), Y4
	VBLENDVPD Y0, Y1, Y4, Y4
	VMOVUPD Y4, (R8)(BX*1)
	VXORPD Y1, Y1, Y1
	VMAXPD Y1, Y0, Y0
	VCMPPD $14, psnsqrt2<>(SB), Y2, Y1
	VANDPD psnln2hi<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VANDPD psnln2lo<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VPSUBQ psnexp1<>(SB), Y2, Y3
	VBLENDVPD Y1, Y3, Y2, Y3
	VADDPD psnone<>(SB), Y3, Y1
	VSUBPD psnone<>(SB), Y3, Y5
	VMOVUPD psnone<>(SB), Y4
	VDIVPD Y2, Y4, Y4
	VDIVPD Y1, Y5, Y2
	VADDPD psnone<>(SB), Y7, Y8
	VSUBPD psnone<>(SB), Y8, Y9
	VSUBPD Y9, Y7, Y9
	VMOVUPD Y9, 32(DI)(BX*1)
	VMOVUPD psnone<>(SB), Y10
	VBLENDVPD Y6, Y7, Y10, Y10
	VMOVUPD Y10, 32(R8)(BX*1)
	VXORPD Y7, Y7, Y7
	VMAXPD Y7, Y6, Y6
	VCMPPD $14, psnsqrt2<>(SB), Y8, Y7
	VANDPD psnln2hi<>(SB), Y7, Y9
	VADDPD Y9, Y6, Y6
	VANDPD psnln2lo<>(SB), Y7, Y9
	VADDPD Y9, Y6, Y6
	VPSUBQ psnexp1<>(SB), Y8, Y9
	VBLENDVPD Y7, Y9, Y8, Y9
	VADDPD psnone<>(SB), Y9, Y7
	VSUBPD psnone<>(SB), Y9, Y11
	VMOVUPD psnone<>(SB), Y10
	VDIVPD Y8, Y10, Y10
	VDIVPD Y7, Y11, Y8
	// q = −(η < 0 ? t : 1)·v (stored), adj += q·H; a += (t − (u − 1))·v (log1p t = log u + that)
	VMULPD (R8)(BX*1), Y4, Y1
	VXORPD psnsign<>(SB), Y1, Y1
	VMOVUPD Y1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Y1, Y13
	VFMADD231PD (R9)(BX*1), Y1, Y14
	VMULPD (DI)(BX*1), Y4, Y3
	VADDPD Y3, Y0, Y0
	VMULPD 32(R8)(BX*1), Y10, Y7
	VXORPD psnsign<>(SB), Y7, Y7
	VMOVUPD Y7, 32(R8)(BX*1)
	VFMADD231PD 32(SI)(BX*1), Y7, Y13
	VFMADD231PD 32(R9)(BX*1), Y7, Y14
	VMULPD 32(DI)(BX*1), Y10, Y9
	VADDPD Y9, Y6, Y6
	// λ = a + f − f²/2 + s·(f²/2 + R(s²)) + 1e-6, arranged as in logAVX
	VMULPD Y2, Y2, Y1
	VMOVUPD psnlg7<>(SB), Y3
	VFMADD213PD psnlg6<>(SB), Y1, Y3
	VFMADD213PD psnlg5<>(SB), Y1, Y3
	VFMADD213PD psnlg4<>(SB), Y1, Y3
	VFMADD213PD psnlg3<>(SB), Y1, Y3
	VFMADD213PD psnlg2<>(SB), Y1, Y3
	VFMADD213PD psnlg1<>(SB), Y1, Y3
	VMULPD Y1, Y3, Y3
	VMULPD psnhalf<>(SB), Y5, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMULPD Y3, Y2, Y3
	VSUBPD Y3, Y4, Y3
	VSUBPD Y5, Y3, Y3
	VSUBPD Y3, Y0, Y0
	VADDPD psneps<>(SB), Y0, Y0
	VMOVUPD Y0, (DI)(BX*1)
	VADDPD Y0, Y12, Y12
	VMULPD Y8, Y8, Y7
	VMOVUPD psnlg7<>(SB), Y9
	VFMADD213PD psnlg6<>(SB), Y7, Y9
	VFMADD213PD psnlg5<>(SB), Y7, Y9
	VFMADD213PD psnlg4<>(SB), Y7, Y9
	VFMADD213PD psnlg3<>(SB), Y7, Y9
	VFMADD213PD psnlg2<>(SB), Y7, Y9
	VFMADD213PD psnlg1<>(SB), Y7, Y9
	VMULPD Y7, Y9, Y9
	VMULPD psnhalf<>(SB), Y11, Y10
	VMULPD Y11, Y10, Y10
	VADDPD Y10, Y9, Y9
	VMULPD Y9, Y8, Y9
	VSUBPD Y9, Y10, Y9
	VSUBPD Y11, Y9, Y9
	VSUBPD Y9, Y6, Y6
	VADDPD psneps<>(SB), Y6, Y6
	VMOVUPD Y6, 32(DI)(BX*1)
	VADDPD Y6, Y12, Y12
	ADDQ $64, BX
	JMP  pair

single:
	CMPQ BX, CX
	JGE  done
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2); flag |η| > 700 or NaN
	VBROADCASTSD 0(AX), Y1
	VMOVUPD (SI)(BX*1), Y0
	VFMADD213PD (DX)(BX*1), Y1, Y0
	VBROADCASTSD 8(AX), Y1
	VFMADD231PD (R9)(BX*1), Y1, Y0
	VANDPD psnabs<>(SB), Y0, Y1
	VCMPPD $6, psnlim<>(SB), Y1, Y2
	VMOVMSKPD Y2, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y1, Y1
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by a degree-11 Chebyshev fit (even and odd parts in r²), times 2^k
	// (k added to the exponent bits)
	VMULPD psnlog2e<>(SB), Y1, Y2
	VROUNDPD $0, Y2, Y2
	VFNMADD231PD psnln2hi<>(SB), Y2, Y1
	VFNMADD231PD psnln2lo<>(SB), Y2, Y1
	VMULPD Y1, Y1, Y5
	VMOVUPD psne11<>(SB), Y3
	VMOVUPD psne10<>(SB), Y4
	VFMADD213PD psne9<>(SB), Y5, Y3
	VFMADD213PD psne8<>(SB), Y5, Y4
	VFMADD213PD psne7<>(SB), Y5, Y3
	VFMADD213PD psne6<>(SB), Y5, Y4
	VFMADD213PD psne5<>(SB), Y5, Y3
	VFMADD213PD psne4<>(SB), Y5, Y4
	VFMADD213PD psne3<>(SB), Y5, Y3
	VFMADD213PD psne2<>(SB), Y5, Y4
	VFMADD213PD psne1<>(SB), Y5, Y3
	VFMADD213PD psne0<>(SB), Y5, Y4
	VFMADD231PD Y3, Y1, Y4
	VADDPD psnmagic<>(SB), Y2, Y2
	VPSUBQ psnmagic<>(SB), Y2, Y2
	VPSLLQ $52, Y2, Y2
	VPADDQ Y2, Y4, Y1
	// u = 1 + t; park t − (u − 1) (the rounding error of u) in lam and (η < 0 ? t : 1) in q;
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits);
	// f = m − 1, v = 1/u, s = f/(1 + m) = f/(2 + f)
	VADDPD psnone<>(SB), Y1, Y2
	VSUBPD psnone<>(SB), Y2, Y3
	VSUBPD Y3, Y1, Y3
	VMOVUPD Y3, (DI)(BX*1)
	VMOVUPD psnone<>(SB), Y4
	VBLENDVPD Y0, Y1, Y4, Y4
	VMOVUPD Y4, (R8)(BX*1)
	VXORPD Y1, Y1, Y1
	VMAXPD Y1, Y0, Y0
	VCMPPD $14, psnsqrt2<>(SB), Y2, Y1
	VANDPD psnln2hi<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VANDPD psnln2lo<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VPSUBQ psnexp1<>(SB), Y2, Y3
	VBLENDVPD Y1, Y3, Y2, Y3
	VADDPD psnone<>(SB), Y3, Y1
	VSUBPD psnone<>(SB), Y3, Y5
	VMOVUPD psnone<>(SB), Y4
	VDIVPD Y2, Y4, Y4
	VDIVPD Y1, Y5, Y2
	// q = −(η < 0 ? t : 1)·v (stored), adj += q·H; a += (t − (u − 1))·v (log1p t = log u + that)
	VMULPD (R8)(BX*1), Y4, Y1
	VXORPD psnsign<>(SB), Y1, Y1
	VMOVUPD Y1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Y1, Y13
	VFMADD231PD (R9)(BX*1), Y1, Y14
	VMULPD (DI)(BX*1), Y4, Y3
	VADDPD Y3, Y0, Y0
	// λ = a + f − f²/2 + s·(f²/2 + R(s²)) + 1e-6, arranged as in logAVX
	VMULPD Y2, Y2, Y1
	VMOVUPD psnlg7<>(SB), Y3
	VFMADD213PD psnlg6<>(SB), Y1, Y3
	VFMADD213PD psnlg5<>(SB), Y1, Y3
	VFMADD213PD psnlg4<>(SB), Y1, Y3
	VFMADD213PD psnlg3<>(SB), Y1, Y3
	VFMADD213PD psnlg2<>(SB), Y1, Y3
	VFMADD213PD psnlg1<>(SB), Y1, Y3
	VMULPD Y1, Y3, Y3
	VMULPD psnhalf<>(SB), Y5, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMULPD Y3, Y2, Y3
	VSUBPD Y3, Y4, Y3
	VSUBPD Y5, Y3, Y3
	VSUBPD Y3, Y0, Y0
	VADDPD psneps<>(SB), Y0, Y0
	VMOVUPD Y0, (DI)(BX*1)
	VADDPD Y0, Y12, Y12

done:
	MOVQ         adj+72(FP), R11
	VEXTRACTF128 $1, Y13, X0
	VADDPD       X0, X13, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, 0(R11)
	VEXTRACTF128 $1, Y14, X0
	VADDPD       X0, X14, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, 8(R11)
	VEXTRACTF128 $1, Y12, X0
	VADDPD       X0, X12, X0
	VHADDPD      X0, X0, X0
	MOVQ         sum+80(FP), R11
	MOVSD        X0, (R11)(R14*8)
	MOVQ         bad+88(FP), R11
	MOVQ         R12, (R11)(R14*8)
	ADDQ         $16, adj+72(FP) // next particle
	ADDQ         $16, AX
	MOVQ         ld+64(FP), R11
	LEAQ         (DI)(R11*8), DI
	LEAQ         (R8)(R11*8), R8
	INCQ         R14
	JMP          particle

end:
	VZEROUPPER
	RET

// func poissonSoftplus3AVX(h *float64, stride int, z *float64, K int, off, lam, q *float64, n, ld int, adj, sum *float64, bad *int)
TEXT ·poissonSoftplus3AVX(SB), NOSPLIT, $0-96
	MOVQ h+0(FP), SI
	MOVQ stride+8(FP), R11
	MOVQ z+16(FP), AX
	MOVQ off+32(FP), DX
	MOVQ lam+40(FP), DI
	MOVQ q+48(FP), R8
	MOVQ n+56(FP), CX
	SHLQ $3, R11
	SHLQ $3, CX
	LEAQ (SI)(R11*1), R9  // H·1
	LEAQ (SI)(R11*2), R10 // H·2
	XORQ R14, R14         // particle

particle:
	CMPQ R14, K+24(FP)
	JGE  end
	VXORPD Y12, Y12, Y12  // Σ λ
	VXORPD Y13, Y13, Y13  // adj_0
	VXORPD Y14, Y14, Y14  // adj_1
	VXORPD Y15, Y15, Y15  // adj_2
	XORQ   R12, R12       // out-of-range lanes
	XORQ   BX, BX

pair:
	MOVQ CX, R11
	SUBQ BX, R11
	CMPQ R11, $64
	JLT  single
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2); flag |η| > 700 or NaN
	VBROADCASTSD 0(AX), Y1
	VMOVUPD (SI)(BX*1), Y0
	VFMADD213PD (DX)(BX*1), Y1, Y0
	VBROADCASTSD 8(AX), Y1
	VFMADD231PD (R9)(BX*1), Y1, Y0
	VBROADCASTSD 16(AX), Y1
	VFMADD231PD (R10)(BX*1), Y1, Y0
	VANDPD psnabs<>(SB), Y0, Y1
	VCMPPD $6, psnlim<>(SB), Y1, Y2
	VMOVMSKPD Y2, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y1, Y1
	VBROADCASTSD 0(AX), Y7
	VMOVUPD 32(SI)(BX*1), Y6
	VFMADD213PD 32(DX)(BX*1), Y7, Y6
	VBROADCASTSD 8(AX), Y7
	VFMADD231PD 32(R9)(BX*1), Y7, Y6
	VBROADCASTSD 16(AX), Y7
	VFMADD231PD 32(R10)(BX*1), Y7, Y6
	VANDPD psnabs<>(SB), Y6, Y7
	VCMPPD $6, psnlim<>(SB), Y7, Y8
	VMOVMSKPD Y8, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y7, Y7
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by a degree-11 Chebyshev fit (even and odd parts in r²), times 2^k
	// (k added to the exponent bits)
	VMULPD psnlog2e<>(SB), Y1, Y2
	VROUNDPD $0, Y2, Y2
	VFNMADD231PD psnln2hi<>(SB), Y2, Y1
	VFNMADD231PD psnln2lo<>(SB), Y2, Y1
	VMULPD Y1, Y1, Y5
	VMOVUPD psne11<>(SB), Y3
	VMOVUPD psne10<>(SB), Y4
	VFMADD213PD psne9<>(SB), Y5, Y3
	VFMADD213PD psne8<>(SB), Y5, Y4
	VFMADD213PD psne7<>(SB), Y5, Y3
	VFMADD213PD psne6<>(SB), Y5, Y4
	VFMADD213PD psne5<>(SB), Y5, Y3
	VFMADD213PD psne4<>(SB), Y5, Y4
	VFMADD213PD psne3<>(SB), Y5, Y3
	VFMADD213PD psne2<>(SB), Y5, Y4
	VFMADD213PD psne1<>(SB), Y5, Y3
	VFMADD213PD psne0<>(SB), Y5, Y4
	VFMADD231PD Y3, Y1, Y4
	VADDPD psnmagic<>(SB), Y2, Y2
	VPSUBQ psnmagic<>(SB), Y2, Y2
	VPSLLQ $52, Y2, Y2
	VPADDQ Y2, Y4, Y1
	VMULPD psnlog2e<>(SB), Y7, Y8
	VROUNDPD $0, Y8, Y8
	VFNMADD231PD psnln2hi<>(SB), Y8, Y7
	VFNMADD231PD psnln2lo<>(SB), Y8, Y7
	VMULPD Y7, Y7, Y11
	VMOVUPD psne11<>(SB), Y9
	VMOVUPD psne10<>(SB), Y10
	VFMADD213PD psne9<>(SB), Y11, Y9
	VFMADD213PD psne8<>(SB), Y11, Y10
	VFMADD213PD psne7<>(SB), Y11, Y9
	VFMADD213PD psne6<>(SB), Y11, Y10
	VFMADD213PD psne5<>(SB), Y11, Y9
	VFMADD213PD psne4<>(SB), Y11, Y10
	VFMADD213PD psne3<>(SB), Y11, Y9
	VFMADD213PD psne2<>(SB), Y11, Y10
	VFMADD213PD psne1<>(SB), Y11, Y9
	VFMADD213PD psne0<>(SB), Y11, Y10
	VFMADD231PD Y9, Y7, Y10
	VADDPD psnmagic<>(SB), Y8, Y8
	VPSUBQ psnmagic<>(SB), Y8, Y8
	VPSLLQ $52, Y8, Y8
	VPADDQ Y8, Y10, Y7
	// u = 1 + t; park t − (u − 1) (the rounding error of u) in lam and (η < 0 ? t : 1) in q;
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits);
	// f = m − 1, v = 1/u, s = f/(1 + m) = f/(2 + f)
	VADDPD psnone<>(SB), Y1, Y2
	VSUBPD psnone<>(SB), Y2, Y3
	VSUBPD Y3, Y1, Y3
	VMOVUPD Y3, (DI)(BX*1)
	VMOVUPD psnone<>(SB), Y4
	VBLENDVPD Y0, Y1, Y4, Y4
	VMOVUPD Y4, (R8)(BX*1)
	VXORPD Y1, Y1, Y1
	VMAXPD Y1, Y0, Y0
	VCMPPD $14, psnsqrt2<>(SB), Y2, Y1
	VANDPD psnln2hi<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VANDPD psnln2lo<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VPSUBQ psnexp1<>(SB), Y2, Y3
	VBLENDVPD Y1, Y3, Y2, Y3
	VADDPD psnone<>(SB), Y3, Y1
	VSUBPD psnone<>(SB), Y3, Y5
	VMOVUPD psnone<>(SB), Y4
	VDIVPD Y2, Y4, Y4
	VDIVPD Y1, Y5, Y2
	VADDPD psnone<>(SB), Y7, Y8
	VSUBPD psnone<>(SB), Y8, Y9
	VSUBPD Y9, Y7, Y9
	VMOVUPD Y9, 32(DI)(BX*1)
	VMOVUPD psnone<>(SB), Y10
	VBLENDVPD Y6, Y7, Y10, Y10
	VMOVUPD Y10, 32(R8)(BX*1)
	VXORPD Y7, Y7, Y7
	VMAXPD Y7, Y6, Y6
	VCMPPD $14, psnsqrt2<>(SB), Y8, Y7
	VANDPD psnln2hi<>(SB), Y7, Y9
	VADDPD Y9, Y6, Y6
	VANDPD psnln2lo<>(SB), Y7, Y9
	VADDPD Y9, Y6, Y6
	VPSUBQ psnexp1<>(SB), Y8, Y9
	VBLENDVPD Y7, Y9, Y8, Y9
	VADDPD psnone<>(SB), Y9, Y7
	VSUBPD psnone<>(SB), Y9, Y11
	VMOVUPD psnone<>(SB), Y10
	VDIVPD Y8, Y10, Y10
	VDIVPD Y7, Y11, Y8
	// q = −(η < 0 ? t : 1)·v (stored), adj += q·H; a += (t − (u − 1))·v (log1p t = log u + that)
	VMULPD (R8)(BX*1), Y4, Y1
	VXORPD psnsign<>(SB), Y1, Y1
	VMOVUPD Y1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Y1, Y13
	VFMADD231PD (R9)(BX*1), Y1, Y14
	VFMADD231PD (R10)(BX*1), Y1, Y15
	VMULPD (DI)(BX*1), Y4, Y3
	VADDPD Y3, Y0, Y0
	VMULPD 32(R8)(BX*1), Y10, Y7
	VXORPD psnsign<>(SB), Y7, Y7
	VMOVUPD Y7, 32(R8)(BX*1)
	VFMADD231PD 32(SI)(BX*1), Y7, Y13
	VFMADD231PD 32(R9)(BX*1), Y7, Y14
	VFMADD231PD 32(R10)(BX*1), Y7, Y15
	VMULPD 32(DI)(BX*1), Y10, Y9
	VADDPD Y9, Y6, Y6
	// λ = a + f − f²/2 + s·(f²/2 + R(s²)) + 1e-6, arranged as in logAVX
	VMULPD Y2, Y2, Y1
	VMOVUPD psnlg7<>(SB), Y3
	VFMADD213PD psnlg6<>(SB), Y1, Y3
	VFMADD213PD psnlg5<>(SB), Y1, Y3
	VFMADD213PD psnlg4<>(SB), Y1, Y3
	VFMADD213PD psnlg3<>(SB), Y1, Y3
	VFMADD213PD psnlg2<>(SB), Y1, Y3
	VFMADD213PD psnlg1<>(SB), Y1, Y3
	VMULPD Y1, Y3, Y3
	VMULPD psnhalf<>(SB), Y5, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMULPD Y3, Y2, Y3
	VSUBPD Y3, Y4, Y3
	VSUBPD Y5, Y3, Y3
	VSUBPD Y3, Y0, Y0
	VADDPD psneps<>(SB), Y0, Y0
	VMOVUPD Y0, (DI)(BX*1)
	VADDPD Y0, Y12, Y12
	VMULPD Y8, Y8, Y7
	VMOVUPD psnlg7<>(SB), Y9
	VFMADD213PD psnlg6<>(SB), Y7, Y9
	VFMADD213PD psnlg5<>(SB), Y7, Y9
	VFMADD213PD psnlg4<>(SB), Y7, Y9
	VFMADD213PD psnlg3<>(SB), Y7, Y9
	VFMADD213PD psnlg2<>(SB), Y7, Y9
	VFMADD213PD psnlg1<>(SB), Y7, Y9
	VMULPD Y7, Y9, Y9
	VMULPD psnhalf<>(SB), Y11, Y10
	VMULPD Y11, Y10, Y10
	VADDPD Y10, Y9, Y9
	VMULPD Y9, Y8, Y9
	VSUBPD Y9, Y10, Y9
	VSUBPD Y11, Y9, Y9
	VSUBPD Y9, Y6, Y6
	VADDPD psneps<>(SB), Y6, Y6
	VMOVUPD Y6, 32(DI)(BX*1)
	VADDPD Y6, Y12, Y12
	ADDQ $64, BX
	JMP  pair

single:
	CMPQ BX, CX
	JGE  done
	// η = off + H·0 z_0 + H·1 z_1 (+ H·2 z_2); flag |η| > 700 or NaN
	VBROADCASTSD 0(AX), Y1
	VMOVUPD (SI)(BX*1), Y0
	VFMADD213PD (DX)(BX*1), Y1, Y0
	VBROADCASTSD 8(AX), Y1
	VFMADD231PD (R9)(BX*1), Y1, Y0
	VBROADCASTSD 16(AX), Y1
	VFMADD231PD (R10)(BX*1), Y1, Y0
	VANDPD psnabs<>(SB), Y0, Y1
	VCMPPD $6, psnlim<>(SB), Y1, Y2
	VMOVMSKPD Y2, R13
	ORQ R13, R12
	VXORPD psnsign<>(SB), Y1, Y1
	// t = e^{−|η|}: −|η| = k·ln 2 + r, e^r by a degree-11 Chebyshev fit (even and odd parts in r²), times 2^k
	// (k added to the exponent bits)
	VMULPD psnlog2e<>(SB), Y1, Y2
	VROUNDPD $0, Y2, Y2
	VFNMADD231PD psnln2hi<>(SB), Y2, Y1
	VFNMADD231PD psnln2lo<>(SB), Y2, Y1
	VMULPD Y1, Y1, Y5
	VMOVUPD psne11<>(SB), Y3
	VMOVUPD psne10<>(SB), Y4
	VFMADD213PD psne9<>(SB), Y5, Y3
	VFMADD213PD psne8<>(SB), Y5, Y4
	VFMADD213PD psne7<>(SB), Y5, Y3
	VFMADD213PD psne6<>(SB), Y5, Y4
	VFMADD213PD psne5<>(SB), Y5, Y3
	VFMADD213PD psne4<>(SB), Y5, Y4
	VFMADD213PD psne3<>(SB), Y5, Y3
	VFMADD213PD psne2<>(SB), Y5, Y4
	VFMADD213PD psne1<>(SB), Y5, Y3
	VFMADD213PD psne0<>(SB), Y5, Y4
	VFMADD231PD Y3, Y1, Y4
	VADDPD psnmagic<>(SB), Y2, Y2
	VPSUBQ psnmagic<>(SB), Y2, Y2
	VPSLLQ $52, Y2, Y2
	VPADDQ Y2, Y4, Y1
	// u = 1 + t; park t − (u − 1) (the rounding error of u) in lam and (η < 0 ? t : 1) in q;
	// a = max(η, 0) + k·ln2Hi + k·ln2Lo with u = 2^k·m (k = 1, m = u/2 if u > √2, else k = 0, m = u;
	// u/2 by decrementing the exponent bits);
	// f = m − 1, v = 1/u, s = f/(1 + m) = f/(2 + f)
	VADDPD psnone<>(SB), Y1, Y2
	VSUBPD psnone<>(SB), Y2, Y3
	VSUBPD Y3, Y1, Y3
	VMOVUPD Y3, (DI)(BX*1)
	VMOVUPD psnone<>(SB), Y4
	VBLENDVPD Y0, Y1, Y4, Y4
	VMOVUPD Y4, (R8)(BX*1)
	VXORPD Y1, Y1, Y1
	VMAXPD Y1, Y0, Y0
	VCMPPD $14, psnsqrt2<>(SB), Y2, Y1
	VANDPD psnln2hi<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VANDPD psnln2lo<>(SB), Y1, Y3
	VADDPD Y3, Y0, Y0
	VPSUBQ psnexp1<>(SB), Y2, Y3
	VBLENDVPD Y1, Y3, Y2, Y3
	VADDPD psnone<>(SB), Y3, Y1
	VSUBPD psnone<>(SB), Y3, Y5
	VMOVUPD psnone<>(SB), Y4
	VDIVPD Y2, Y4, Y4
	VDIVPD Y1, Y5, Y2
	// q = −(η < 0 ? t : 1)·v (stored), adj += q·H; a += (t − (u − 1))·v (log1p t = log u + that)
	VMULPD (R8)(BX*1), Y4, Y1
	VXORPD psnsign<>(SB), Y1, Y1
	VMOVUPD Y1, (R8)(BX*1)
	VFMADD231PD (SI)(BX*1), Y1, Y13
	VFMADD231PD (R9)(BX*1), Y1, Y14
	VFMADD231PD (R10)(BX*1), Y1, Y15
	VMULPD (DI)(BX*1), Y4, Y3
	VADDPD Y3, Y0, Y0
	// λ = a + f − f²/2 + s·(f²/2 + R(s²)) + 1e-6, arranged as in logAVX
	VMULPD Y2, Y2, Y1
	VMOVUPD psnlg7<>(SB), Y3
	VFMADD213PD psnlg6<>(SB), Y1, Y3
	VFMADD213PD psnlg5<>(SB), Y1, Y3
	VFMADD213PD psnlg4<>(SB), Y1, Y3
	VFMADD213PD psnlg3<>(SB), Y1, Y3
	VFMADD213PD psnlg2<>(SB), Y1, Y3
	VFMADD213PD psnlg1<>(SB), Y1, Y3
	VMULPD Y1, Y3, Y3
	VMULPD psnhalf<>(SB), Y5, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMULPD Y3, Y2, Y3
	VSUBPD Y3, Y4, Y3
	VSUBPD Y5, Y3, Y3
	VSUBPD Y3, Y0, Y0
	VADDPD psneps<>(SB), Y0, Y0
	VMOVUPD Y0, (DI)(BX*1)
	VADDPD Y0, Y12, Y12

done:
	MOVQ         adj+72(FP), R11
	VEXTRACTF128 $1, Y13, X0
	VADDPD       X0, X13, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, 0(R11)
	VEXTRACTF128 $1, Y14, X0
	VADDPD       X0, X14, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, 8(R11)
	VEXTRACTF128 $1, Y15, X0
	VADDPD       X0, X15, X0
	VHADDPD      X0, X0, X0
	MOVSD        X0, 16(R11)
	VEXTRACTF128 $1, Y12, X0
	VADDPD       X0, X12, X0
	VHADDPD      X0, X0, X0
	MOVQ         sum+80(FP), R11
	MOVSD        X0, (R11)(R14*8)
	MOVQ         bad+88(FP), R11
	MOVQ         R12, (R11)(R14*8)
	ADDQ         $24, adj+72(FP) // next particle
	ADDQ         $24, AX
	MOVQ         ld+64(FP), R11
	LEAQ         (DI)(R11*8), DI
	LEAQ         (R8)(R11*8), R8
	INCQ         R14
	JMP          particle

end:
	VZEROUPPER
	RET

// func poissonAccumAVX(q *float64, ldq int, c *float64, K, n int, a0, a1, a2, a3 *float64)
// For channels i < n (a multiple of 4): a_j[i] += Σ_p c[4p+j]·q[p·ldq + i], j = 0…3, eight
// channels at a time (four for the last block when n is not a multiple of 8).
TEXT ·poissonAccumAVX(SB), NOSPLIT, $0-72
	MOVQ q+0(FP), SI
	MOVQ ldq+8(FP), R11
	MOVQ c+16(FP), R12
	MOVQ K+24(FP), R13
	MOVQ n+32(FP), CX
	MOVQ a0+40(FP), R8
	MOVQ a1+48(FP), R9
	MOVQ a2+56(FP), R10
	MOVQ a3+64(FP), DI
	SHLQ $3, R11
	SHLQ $3, CX
	XORQ BX, BX
	TESTQ R13, R13
	JZ   accdone

acc8:
	MOVQ    CX, AX
	SUBQ    BX, AX
	CMPQ    AX, $64
	JLT     acc4
	VMOVUPD (R8)(BX*1), Y0
	VMOVUPD 32(R8)(BX*1), Y1
	VMOVUPD (R9)(BX*1), Y2
	VMOVUPD 32(R9)(BX*1), Y3
	VMOVUPD (R10)(BX*1), Y4
	VMOVUPD 32(R10)(BX*1), Y5
	VMOVUPD (DI)(BX*1), Y6
	VMOVUPD 32(DI)(BX*1), Y7
	LEAQ    (SI)(BX*1), AX
	MOVQ    R12, DX
	MOVQ    R13, R14

acc8p:
	VMOVUPD      (AX), Y8
	VMOVUPD      32(AX), Y9
	VBROADCASTSD 0(DX), Y10
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VBROADCASTSD 8(DX), Y11
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VBROADCASTSD 16(DX), Y12
	VFMADD231PD  Y8, Y12, Y4
	VFMADD231PD  Y9, Y12, Y5
	VBROADCASTSD 24(DX), Y13
	VFMADD231PD  Y8, Y13, Y6
	VFMADD231PD  Y9, Y13, Y7
	ADDQ         R11, AX
	ADDQ         $32, DX
	DECQ         R14
	JNZ          acc8p
	VMOVUPD Y0, (R8)(BX*1)
	VMOVUPD Y1, 32(R8)(BX*1)
	VMOVUPD Y2, (R9)(BX*1)
	VMOVUPD Y3, 32(R9)(BX*1)
	VMOVUPD Y4, (R10)(BX*1)
	VMOVUPD Y5, 32(R10)(BX*1)
	VMOVUPD Y6, (DI)(BX*1)
	VMOVUPD Y7, 32(DI)(BX*1)
	ADDQ    $64, BX
	JMP     acc8

acc4:
	CMPQ    BX, CX
	JGE     accdone
	VMOVUPD (R8)(BX*1), Y0
	VMOVUPD (R9)(BX*1), Y2
	VMOVUPD (R10)(BX*1), Y4
	VMOVUPD (DI)(BX*1), Y6
	LEAQ    (SI)(BX*1), AX
	MOVQ    R12, DX
	MOVQ    R13, R14

acc4p:
	VMOVUPD      (AX), Y8
	VBROADCASTSD 0(DX), Y10
	VFMADD231PD  Y8, Y10, Y0
	VBROADCASTSD 8(DX), Y11
	VFMADD231PD  Y8, Y11, Y2
	VBROADCASTSD 16(DX), Y12
	VFMADD231PD  Y8, Y12, Y4
	VBROADCASTSD 24(DX), Y13
	VFMADD231PD  Y8, Y13, Y6
	ADDQ         R11, AX
	ADDQ         $32, DX
	DECQ         R14
	JNZ          acc4p
	VMOVUPD Y0, (R8)(BX*1)
	VMOVUPD Y2, (R9)(BX*1)
	VMOVUPD Y4, (R10)(BX*1)
	VMOVUPD Y6, (DI)(BX*1)
	ADDQ    $32, BX
	JMP     acc4

accdone:
	VZEROUPPER
	RET

// Constants of poissonSpikes2AVX's logarithm (the reduction of logAVX).
DATA psnmant<>+0(SB)/8, $0x000fffffffffffff
DATA psnmant<>+8(SB)/8, $0x000fffffffffffff
DATA psnmant<>+16(SB)/8, $0x000fffffffffffff
DATA psnmant<>+24(SB)/8, $0x000fffffffffffff
GLOBL psnmant<>(SB), RODATA|NOPTR, $32
DATA psnsqrt2m<>+0(SB)/8, $0x0006a09e667f3bcd
DATA psnsqrt2m<>+8(SB)/8, $0x0006a09e667f3bcd
DATA psnsqrt2m<>+16(SB)/8, $0x0006a09e667f3bcd
DATA psnsqrt2m<>+24(SB)/8, $0x0006a09e667f3bcd
GLOBL psnsqrt2m<>(SB), RODATA|NOPTR, $32
DATA psnmagicb<>+0(SB)/8, $0x4337fffffffffc01
DATA psnmagicb<>+8(SB)/8, $0x4337fffffffffc01
DATA psnmagicb<>+16(SB)/8, $0x4337fffffffffc01
DATA psnmagicb<>+24(SB)/8, $0x4337fffffffffc01
GLOBL psnmagicb<>(SB), RODATA|NOPTR, $32

// func poissonSpikes2AVX(lam, q *float64, ld, K int, idx *int32, n4, ns int, xs, h0, h1, lw, adj *float64)
// The spiking channels of K particles (rank 2), four channels at a time: for particle p (rows
// of stride ld in lam and q) and the channels idx[j] (j < ns; idx, xs, h0, h1 padded to n4, a
// multiple of 4, with a valid channel and zero counts and readouts), it gathers λ and q, adds
// Σ_j x_j log λ_j to lw[p] (log as in logAVX), sets q ← q + d with d = −x q/λ (stored for
// j < ns only) and adds Σ_j H_j d_j to adj[2p], adj[2p+1].
TEXT ·poissonSpikes2AVX(SB), NOSPLIT, $0-96
	MOVQ lam+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ ld+16(FP), R8
	SHLQ $3, R8
	MOVQ idx+32(FP), DX
	MOVQ xs+56(FP), R9
	MOVQ h0+64(FP), R10
	MOVQ h1+72(FP), R11
	MOVQ lw+80(FP), R12
	MOVQ adj+88(FP), R13
	SHLQ $3, n4+40(FP)    // bytes of the padded double arrays

spkparticle:
	CMPQ K+24(FP), $0
	JLE  spkend
	VXORPD Y15, Y15, Y15  // Σ x log λ
	VXORPD Y14, Y14, Y14  // adj_0
	VXORPD Y13, Y13, Y13  // adj_1
	MOVQ   ns+48(FP), CX  // channels left to store
	XORQ   BX, BX         // offset in the double arrays
	XORQ   R14, R14       // offset in idx

spkblock:
	CMPQ BX, n4+40(FP)
	JGE  spkdone
	VMOVDQU    (DX)(R14*1), X10
	VPCMPEQD   Y9, Y9, Y9
	VGATHERDPD Y9, (SI)(X10*8), Y12  // λ
	VPCMPEQD   Y9, Y9, Y9
	VGATHERDPD Y9, (DI)(X10*8), Y11  // q

	// log λ: λ = 2^k·m, m ∈ [√2/2, √2), f = m − 1, s = f/(2 + f).
	VPAND       psnmant<>(SB), Y12, Y1
	VPCMPGTQ    psnsqrt2m<>(SB), Y1, Y2 // mantissa above √2's: use m/2, k + 1
	VPSRLQ      $52, Y12, Y3
	VPSUBQ      Y2, Y3, Y3
	VPADDQ      psnmagicb<>(SB), Y3, Y3
	VSUBPD      psnmagic<>(SB), Y3, Y3   // k
	VPSLLQ      $52, Y2, Y4
	VPADDQ      psnone<>(SB), Y4, Y4
	VPOR        Y1, Y4, Y4               // m
	VSUBPD      psnone<>(SB), Y4, Y5     // f
	VADDPD      psntwo<>(SB), Y5, Y6
	VDIVPD      Y6, Y5, Y6               // s
	VMULPD      Y6, Y6, Y7
	VMULPD      Y7, Y7, Y8
	VMOVUPD     psnlg7<>(SB), Y9
	VFMADD213PD psnlg5<>(SB), Y8, Y9
	VFMADD213PD psnlg3<>(SB), Y8, Y9
	VFMADD213PD psnlg1<>(SB), Y8, Y9
	VMULPD      Y7, Y9, Y9               // t1
	VMOVUPD     psnlg6<>(SB), Y10
	VFMADD213PD psnlg4<>(SB), Y8, Y10
	VFMADD213PD psnlg2<>(SB), Y8, Y10
	VMULPD      Y8, Y10, Y10             // t2
	VADDPD      Y10, Y9, Y9              // R
	VMULPD      psnhalf<>(SB), Y5, Y0
	VMULPD      Y5, Y0, Y0               // hfsq
	VADDPD      Y9, Y0, Y9
	VMULPD      psnln2lo<>(SB), Y3, Y7
	VFMADD231PD Y9, Y6, Y7               // s·(hfsq + R) + k·ln2Lo
	VSUBPD      Y7, Y0, Y7
	VSUBPD      Y5, Y7, Y7
	VMULPD      psnln2hi<>(SB), Y3, Y8
	VSUBPD      Y7, Y8, Y8               // log λ
	VFMADD231PD (R9)(BX*1), Y8, Y15      // Σ x log λ

	// d = −x q/λ, q ← q + d, adj += H d.
	VMULPD      (R9)(BX*1), Y11, Y0
	VDIVPD      Y12, Y0, Y0
	VXORPD      psnsign<>(SB), Y0, Y0
	VADDPD      Y0, Y11, Y1
	VFMADD231PD (R10)(BX*1), Y0, Y14
	VFMADD231PD (R11)(BX*1), Y0, Y13
	MOVLQSX     0(DX)(R14*1), AX
	VMOVSD      X1, (DI)(AX*8)
	CMPQ        CX, $1
	JLE         spknext
	MOVLQSX     4(DX)(R14*1), AX
	VMOVHPD     X1, (DI)(AX*8)
	CMPQ        CX, $2
	JLE         spknext
	VEXTRACTF128 $1, Y1, X2
	MOVLQSX     8(DX)(R14*1), AX
	VMOVSD      X2, (DI)(AX*8)
	CMPQ        CX, $3
	JLE         spknext
	MOVLQSX     12(DX)(R14*1), AX
	VMOVHPD     X2, (DI)(AX*8)

spknext:
	SUBQ $4, CX
	ADDQ $32, BX
	ADDQ $16, R14
	JMP  spkblock

spkdone:
	VEXTRACTF128 $1, Y15, X0
	VADDPD       X0, X15, X0
	VHADDPD      X0, X0, X0
	VADDSD       (R12), X0, X0
	VMOVSD       X0, (R12)
	VEXTRACTF128 $1, Y14, X0
	VADDPD       X0, X14, X0
	VHADDPD      X0, X0, X0
	VADDSD       0(R13), X0, X0
	VMOVSD       X0, 0(R13)
	VEXTRACTF128 $1, Y13, X0
	VADDPD       X0, X13, X0
	VHADDPD      X0, X0, X0
	VADDSD       8(R13), X0, X0
	VMOVSD       X0, 8(R13)
	ADDQ         R8, SI
	ADDQ         R8, DI
	ADDQ         $8, R12
	ADDQ         $16, R13
	DECQ         K+24(FP)
	JMP          spkparticle

spkend:
	VZEROUPPER
	RET
