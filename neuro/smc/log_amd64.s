#include "textflag.h"

// 4-wide constants of logAVX (bit patterns).
DATA logclg1<>+0(SB)/8, $0x3fe5555555555593
DATA logclg1<>+8(SB)/8, $0x3fe5555555555593
DATA logclg1<>+16(SB)/8, $0x3fe5555555555593
DATA logclg1<>+24(SB)/8, $0x3fe5555555555593
GLOBL logclg1<>(SB), RODATA|NOPTR, $32
DATA logclg2<>+0(SB)/8, $0x3fd999999997fa04
DATA logclg2<>+8(SB)/8, $0x3fd999999997fa04
DATA logclg2<>+16(SB)/8, $0x3fd999999997fa04
DATA logclg2<>+24(SB)/8, $0x3fd999999997fa04
GLOBL logclg2<>(SB), RODATA|NOPTR, $32
DATA logclg3<>+0(SB)/8, $0x3fd2492494229359
DATA logclg3<>+8(SB)/8, $0x3fd2492494229359
DATA logclg3<>+16(SB)/8, $0x3fd2492494229359
DATA logclg3<>+24(SB)/8, $0x3fd2492494229359
GLOBL logclg3<>(SB), RODATA|NOPTR, $32
DATA logclg4<>+0(SB)/8, $0x3fcc71c51d8e78af
DATA logclg4<>+8(SB)/8, $0x3fcc71c51d8e78af
DATA logclg4<>+16(SB)/8, $0x3fcc71c51d8e78af
DATA logclg4<>+24(SB)/8, $0x3fcc71c51d8e78af
GLOBL logclg4<>(SB), RODATA|NOPTR, $32
DATA logclg5<>+0(SB)/8, $0x3fc7466496cb03de
DATA logclg5<>+8(SB)/8, $0x3fc7466496cb03de
DATA logclg5<>+16(SB)/8, $0x3fc7466496cb03de
DATA logclg5<>+24(SB)/8, $0x3fc7466496cb03de
GLOBL logclg5<>(SB), RODATA|NOPTR, $32
DATA logclg6<>+0(SB)/8, $0x3fc39a09d078c69f
DATA logclg6<>+8(SB)/8, $0x3fc39a09d078c69f
DATA logclg6<>+16(SB)/8, $0x3fc39a09d078c69f
DATA logclg6<>+24(SB)/8, $0x3fc39a09d078c69f
GLOBL logclg6<>(SB), RODATA|NOPTR, $32
DATA logclg7<>+0(SB)/8, $0x3fc2f112df3e5244
DATA logclg7<>+8(SB)/8, $0x3fc2f112df3e5244
DATA logclg7<>+16(SB)/8, $0x3fc2f112df3e5244
DATA logclg7<>+24(SB)/8, $0x3fc2f112df3e5244
GLOBL logclg7<>(SB), RODATA|NOPTR, $32
DATA logcln2hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA logcln2hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA logcln2hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA logcln2hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL logcln2hi<>(SB), RODATA|NOPTR, $32
DATA logcln2lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA logcln2lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA logcln2lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA logcln2lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL logcln2lo<>(SB), RODATA|NOPTR, $32
DATA logcone<>+0(SB)/8, $0x3ff0000000000000
DATA logcone<>+8(SB)/8, $0x3ff0000000000000
DATA logcone<>+16(SB)/8, $0x3ff0000000000000
DATA logcone<>+24(SB)/8, $0x3ff0000000000000
GLOBL logcone<>(SB), RODATA|NOPTR, $32
DATA logctwo<>+0(SB)/8, $0x4000000000000000
DATA logctwo<>+8(SB)/8, $0x4000000000000000
DATA logctwo<>+16(SB)/8, $0x4000000000000000
DATA logctwo<>+24(SB)/8, $0x4000000000000000
GLOBL logctwo<>(SB), RODATA|NOPTR, $32
DATA logchalf<>+0(SB)/8, $0x3fe0000000000000
DATA logchalf<>+8(SB)/8, $0x3fe0000000000000
DATA logchalf<>+16(SB)/8, $0x3fe0000000000000
DATA logchalf<>+24(SB)/8, $0x3fe0000000000000
GLOBL logchalf<>(SB), RODATA|NOPTR, $32
DATA logcmagic<>+0(SB)/8, $0x4338000000000000
DATA logcmagic<>+8(SB)/8, $0x4338000000000000
DATA logcmagic<>+16(SB)/8, $0x4338000000000000
DATA logcmagic<>+24(SB)/8, $0x4338000000000000
GLOBL logcmagic<>(SB), RODATA|NOPTR, $32
DATA logcmagicb<>+0(SB)/8, $0x4337fffffffffc01
DATA logcmagicb<>+8(SB)/8, $0x4337fffffffffc01
DATA logcmagicb<>+16(SB)/8, $0x4337fffffffffc01
DATA logcmagicb<>+24(SB)/8, $0x4337fffffffffc01
GLOBL logcmagicb<>(SB), RODATA|NOPTR, $32
DATA logcmant<>+0(SB)/8, $0x000fffffffffffff
DATA logcmant<>+8(SB)/8, $0x000fffffffffffff
DATA logcmant<>+16(SB)/8, $0x000fffffffffffff
DATA logcmant<>+24(SB)/8, $0x000fffffffffffff
GLOBL logcmant<>(SB), RODATA|NOPTR, $32
DATA logcsqrt2m<>+0(SB)/8, $0x0006a09e667f3bcd
DATA logcsqrt2m<>+8(SB)/8, $0x0006a09e667f3bcd
DATA logcsqrt2m<>+16(SB)/8, $0x0006a09e667f3bcd
DATA logcsqrt2m<>+24(SB)/8, $0x0006a09e667f3bcd
GLOBL logcsqrt2m<>(SB), RODATA|NOPTR, $32

// func logAVX(dst, src *float64, n int)
// dst[i] = ln src[i] for i < n (n a multiple of 4; src finite normal > 0), the reduction of
// logInto four lanes at a time with fused multiply-adds.
TEXT ·logAVX(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $2, CX
	JZ   done
	VMOVUPD logcmant<>(SB), Y14
	VMOVUPD logcsqrt2m<>(SB), Y15

loop:
	VMOVUPD  (SI), Y0
	VPAND    Y14, Y0, Y1              // mantissa bits mb
	VPCMPGTQ Y15, Y1, Y2              // up: all ones where mb > mantissa of √2
	VPSRLQ   $52, Y0, Y3              // biased exponent e
	VPSUBQ   Y2, Y3, Y3               // e + up
	VPADDQ   logcmagicb<>(SB), Y3, Y3 // bits of 1.5·2^52 + (e + up − 1023)
	VSUBPD   logcmagic<>(SB), Y3, Y3  // k
	VPSLLQ   $52, Y2, Y4
	VPADDQ   logcone<>(SB), Y4, Y4    // exponent bits of 1 or 1/2
	VPOR     Y1, Y4, Y4               // m
	VSUBPD   logcone<>(SB), Y4, Y5    // f = m − 1
	VADDPD   logctwo<>(SB), Y5, Y6
	VDIVPD   Y6, Y5, Y6               // s = f/(2+f)
	VMULPD   Y6, Y6, Y7               // s²
	VMULPD   Y7, Y7, Y8               // s⁴
	VMOVUPD  logclg7<>(SB), Y9
	VFMADD213PD logclg5<>(SB), Y8, Y9 // lg5 + s⁴·lg7
	VFMADD213PD logclg3<>(SB), Y8, Y9
	VFMADD213PD logclg1<>(SB), Y8, Y9
	VMULPD   Y7, Y9, Y9               // t1
	VMOVUPD  logclg6<>(SB), Y10
	VFMADD213PD logclg4<>(SB), Y8, Y10
	VFMADD213PD logclg2<>(SB), Y8, Y10
	VMULPD   Y8, Y10, Y10             // t2
	VADDPD   Y10, Y9, Y9              // R = t1 + t2
	VMULPD   logchalf<>(SB), Y5, Y11
	VMULPD   Y5, Y11, Y11             // hfsq = f²/2
	VADDPD   Y9, Y11, Y9              // hfsq + R
	VMULPD   logcln2lo<>(SB), Y3, Y12 // k·ln2Lo
	VFMADD231PD Y9, Y6, Y12           // s·(hfsq + R) + k·ln2Lo
	VSUBPD   Y12, Y11, Y12            // hfsq − …
	VSUBPD   Y5, Y12, Y12             // (hfsq − …) − f
	VMULPD   logcln2hi<>(SB), Y3, Y13 // k·ln2Hi (exact)
	VSUBPD   Y12, Y13, Y13
	VMOVUPD  Y13, (DI)
	ADDQ     $32, SI
	ADDQ     $32, DI
	DECQ     CX
	JNZ      loop
	VZEROUPPER

done:
	RET
