#include "textflag.h"

// 4-wide constants of expAVX (bit patterns; cN = 1/N!).
DATA expcabs<>+0(SB)/8, $0x7fffffffffffffff
DATA expcabs<>+8(SB)/8, $0x7fffffffffffffff
DATA expcabs<>+16(SB)/8, $0x7fffffffffffffff
DATA expcabs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL expcabs<>(SB), RODATA|NOPTR, $32
DATA expclim<>+0(SB)/8, $0x4085e00000000000
DATA expclim<>+8(SB)/8, $0x4085e00000000000
DATA expclim<>+16(SB)/8, $0x4085e00000000000
DATA expclim<>+24(SB)/8, $0x4085e00000000000
GLOBL expclim<>(SB), RODATA|NOPTR, $32
DATA expclog2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA expclog2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA expclog2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA expclog2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL expclog2e<>(SB), RODATA|NOPTR, $32
DATA expcln2hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA expcln2hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA expcln2hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA expcln2hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL expcln2hi<>(SB), RODATA|NOPTR, $32
DATA expcln2lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA expcln2lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA expcln2lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA expcln2lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL expcln2lo<>(SB), RODATA|NOPTR, $32
DATA expcmagic<>+0(SB)/8, $0x4338000000000000
DATA expcmagic<>+8(SB)/8, $0x4338000000000000
DATA expcmagic<>+16(SB)/8, $0x4338000000000000
DATA expcmagic<>+24(SB)/8, $0x4338000000000000
GLOBL expcmagic<>(SB), RODATA|NOPTR, $32
DATA expcbias<>+0(SB)/8, $0xbcc80000000003ff
DATA expcbias<>+8(SB)/8, $0xbcc80000000003ff
DATA expcbias<>+16(SB)/8, $0xbcc80000000003ff
DATA expcbias<>+24(SB)/8, $0xbcc80000000003ff
GLOBL expcbias<>(SB), RODATA|NOPTR, $32
DATA expcc0<>+0(SB)/8, $0x3ff0000000000000
DATA expcc0<>+8(SB)/8, $0x3ff0000000000000
DATA expcc0<>+16(SB)/8, $0x3ff0000000000000
DATA expcc0<>+24(SB)/8, $0x3ff0000000000000
GLOBL expcc0<>(SB), RODATA|NOPTR, $32
DATA expcc1<>+0(SB)/8, $0x3ff0000000000000
DATA expcc1<>+8(SB)/8, $0x3ff0000000000000
DATA expcc1<>+16(SB)/8, $0x3ff0000000000000
DATA expcc1<>+24(SB)/8, $0x3ff0000000000000
GLOBL expcc1<>(SB), RODATA|NOPTR, $32
DATA expcc2<>+0(SB)/8, $0x3fe0000000000000
DATA expcc2<>+8(SB)/8, $0x3fe0000000000000
DATA expcc2<>+16(SB)/8, $0x3fe0000000000000
DATA expcc2<>+24(SB)/8, $0x3fe0000000000000
GLOBL expcc2<>(SB), RODATA|NOPTR, $32
DATA expcc3<>+0(SB)/8, $0x3fc5555555555555
DATA expcc3<>+8(SB)/8, $0x3fc5555555555555
DATA expcc3<>+16(SB)/8, $0x3fc5555555555555
DATA expcc3<>+24(SB)/8, $0x3fc5555555555555
GLOBL expcc3<>(SB), RODATA|NOPTR, $32
DATA expcc4<>+0(SB)/8, $0x3fa5555555555555
DATA expcc4<>+8(SB)/8, $0x3fa5555555555555
DATA expcc4<>+16(SB)/8, $0x3fa5555555555555
DATA expcc4<>+24(SB)/8, $0x3fa5555555555555
GLOBL expcc4<>(SB), RODATA|NOPTR, $32
DATA expcc5<>+0(SB)/8, $0x3f81111111111111
DATA expcc5<>+8(SB)/8, $0x3f81111111111111
DATA expcc5<>+16(SB)/8, $0x3f81111111111111
DATA expcc5<>+24(SB)/8, $0x3f81111111111111
GLOBL expcc5<>(SB), RODATA|NOPTR, $32
DATA expcc6<>+0(SB)/8, $0x3f56c16c16c16c17
DATA expcc6<>+8(SB)/8, $0x3f56c16c16c16c17
DATA expcc6<>+16(SB)/8, $0x3f56c16c16c16c17
DATA expcc6<>+24(SB)/8, $0x3f56c16c16c16c17
GLOBL expcc6<>(SB), RODATA|NOPTR, $32
DATA expcc7<>+0(SB)/8, $0x3f2a01a01a01a01a
DATA expcc7<>+8(SB)/8, $0x3f2a01a01a01a01a
DATA expcc7<>+16(SB)/8, $0x3f2a01a01a01a01a
DATA expcc7<>+24(SB)/8, $0x3f2a01a01a01a01a
GLOBL expcc7<>(SB), RODATA|NOPTR, $32
DATA expcc8<>+0(SB)/8, $0x3efa01a01a01a01a
DATA expcc8<>+8(SB)/8, $0x3efa01a01a01a01a
DATA expcc8<>+16(SB)/8, $0x3efa01a01a01a01a
DATA expcc8<>+24(SB)/8, $0x3efa01a01a01a01a
GLOBL expcc8<>(SB), RODATA|NOPTR, $32
DATA expcc9<>+0(SB)/8, $0x3ec71de3a556c734
DATA expcc9<>+8(SB)/8, $0x3ec71de3a556c734
DATA expcc9<>+16(SB)/8, $0x3ec71de3a556c734
DATA expcc9<>+24(SB)/8, $0x3ec71de3a556c734
GLOBL expcc9<>(SB), RODATA|NOPTR, $32
DATA expcc10<>+0(SB)/8, $0x3e927e4fb7789f5c
DATA expcc10<>+8(SB)/8, $0x3e927e4fb7789f5c
DATA expcc10<>+16(SB)/8, $0x3e927e4fb7789f5c
DATA expcc10<>+24(SB)/8, $0x3e927e4fb7789f5c
GLOBL expcc10<>(SB), RODATA|NOPTR, $32
DATA expcc11<>+0(SB)/8, $0x3e5ae64567f544e4
DATA expcc11<>+8(SB)/8, $0x3e5ae64567f544e4
DATA expcc11<>+16(SB)/8, $0x3e5ae64567f544e4
DATA expcc11<>+24(SB)/8, $0x3e5ae64567f544e4
GLOBL expcc11<>(SB), RODATA|NOPTR, $32
DATA expcc12<>+0(SB)/8, $0x3e21eed8eff8d898
DATA expcc12<>+8(SB)/8, $0x3e21eed8eff8d898
DATA expcc12<>+16(SB)/8, $0x3e21eed8eff8d898
DATA expcc12<>+24(SB)/8, $0x3e21eed8eff8d898
GLOBL expcc12<>(SB), RODATA|NOPTR, $32
DATA expcc13<>+0(SB)/8, $0x3de6124613a86d09
DATA expcc13<>+8(SB)/8, $0x3de6124613a86d09
DATA expcc13<>+16(SB)/8, $0x3de6124613a86d09
DATA expcc13<>+24(SB)/8, $0x3de6124613a86d09
GLOBL expcc13<>(SB), RODATA|NOPTR, $32

// func expAVX(dst, src *float64, n int) int
// dst[i] = e^src[i] four lanes at a time for n (a multiple of 4) elements, stopping before the
// first block with a lane outside (−700, 700) or NaN; returns the number of elements done.
// x = k·ln 2 + r (k rounded to nearest), e^r by its Taylor series to degree 13, times 2^k.
TEXT ·expAVX(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX
	VMOVUPD expcabs<>(SB), Y14
	VMOVUPD expclim<>(SB), Y15

loop:
	CMPQ BX, CX
	JGE  done
	VMOVUPD  (SI)(BX*8), Y0
	VANDPD   Y14, Y0, Y1
	VCMPPD   $1, Y15, Y1, Y1          // |x| < 700 (false for NaN)
	VMOVMSKPD Y1, AX
	CMPQ     AX, $15
	JNE      done
	VMULPD   expclog2e<>(SB), Y0, Y2
	VROUNDPD $0, Y2, Y2               // k
	VMOVUPD  Y0, Y3
	VFNMADD231PD expcln2hi<>(SB), Y2, Y3 // x − k·ln2Hi
	VFNMADD231PD expcln2lo<>(SB), Y2, Y3 // r
	VMOVUPD  expcc13<>(SB), Y4
	VFMADD213PD expcc12<>(SB), Y3, Y4
	VFMADD213PD expcc11<>(SB), Y3, Y4
	VFMADD213PD expcc10<>(SB), Y3, Y4
	VFMADD213PD expcc9<>(SB), Y3, Y4
	VFMADD213PD expcc8<>(SB), Y3, Y4
	VFMADD213PD expcc7<>(SB), Y3, Y4
	VFMADD213PD expcc6<>(SB), Y3, Y4
	VFMADD213PD expcc5<>(SB), Y3, Y4
	VFMADD213PD expcc4<>(SB), Y3, Y4
	VFMADD213PD expcc3<>(SB), Y3, Y4
	VFMADD213PD expcc2<>(SB), Y3, Y4
	VFMADD213PD expcc1<>(SB), Y3, Y4
	VFMADD213PD expcc0<>(SB), Y3, Y4  // e^r
	VADDPD   expcmagic<>(SB), Y2, Y5  // bits 1.5·2^52 + k
	VPADDQ   expcbias<>(SB), Y5, Y5   // k + 1023
	VPSLLQ   $52, Y5, Y5              // 2^k
	VMULPD   Y5, Y4, Y4
	VMOVUPD  Y4, (DI)(BX*8)
	ADDQ     $4, BX
	JMP      loop

done:
	VZEROUPPER
	MOVQ BX, ret+24(FP)
	RET
