#include "textflag.h"

DATA geluAbs<>+0(SB)/8, $0x7fffffffffffffff
DATA geluAbs<>+8(SB)/8, $0x7fffffffffffffff
DATA geluAbs<>+16(SB)/8, $0x7fffffffffffffff
DATA geluAbs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL geluAbs<>(SB), RODATA|NOPTR, $32
DATA geluNine<>+0(SB)/8, $0x4022000000000000
DATA geluNine<>+8(SB)/8, $0x4022000000000000
DATA geluNine<>+16(SB)/8, $0x4022000000000000
DATA geluNine<>+24(SB)/8, $0x4022000000000000
GLOBL geluNine<>(SB), RODATA|NOPTR, $32
DATA geluMNine<>+0(SB)/8, $0xc022000000000000
DATA geluMNine<>+8(SB)/8, $0xc022000000000000
DATA geluMNine<>+16(SB)/8, $0xc022000000000000
DATA geluMNine<>+24(SB)/8, $0xc022000000000000
GLOBL geluMNine<>(SB), RODATA|NOPTR, $32
DATA geluSixteen<>+0(SB)/8, $0x4030000000000000
DATA geluSixteen<>+8(SB)/8, $0x4030000000000000
DATA geluSixteen<>+16(SB)/8, $0x4030000000000000
DATA geluSixteen<>+24(SB)/8, $0x4030000000000000
GLOBL geluSixteen<>(SB), RODATA|NOPTR, $32
DATA geluHalf<>+0(SB)/8, $0x3fe0000000000000
DATA geluHalf<>+8(SB)/8, $0x3fe0000000000000
DATA geluHalf<>+16(SB)/8, $0x3fe0000000000000
DATA geluHalf<>+24(SB)/8, $0x3fe0000000000000
GLOBL geluHalf<>(SB), RODATA|NOPTR, $32
DATA geluSixteenth<>+0(SB)/8, $0x3fb0000000000000
DATA geluSixteenth<>+8(SB)/8, $0x3fb0000000000000
DATA geluSixteenth<>+16(SB)/8, $0x3fb0000000000000
DATA geluSixteenth<>+24(SB)/8, $0x3fb0000000000000
GLOBL geluSixteenth<>(SB), RODATA|NOPTR, $32
DATA geluRowBytes<>+0(SB)/4, $224
DATA geluRowBytes<>+4(SB)/4, $224
DATA geluRowBytes<>+8(SB)/4, $224
DATA geluRowBytes<>+12(SB)/4, $224
GLOBL geluRowBytes<>(SB), RODATA|NOPTR, $16

// The table rows (geluRow = 28 float64, 224 bytes) hold the Φ coefficients a₀…a₁₂ at 0…12 and
// the φ coefficients b₀…b₁₁ at 16…27. For four entries at a time the kernels load four
// coefficients of each entry's row and transpose them into lanes, then evaluate Estrin's scheme.
// Lanes with |x| > 9 or NaN are left for the caller (set to 0, or 0 added), who learns their
// number.

// func geluAVX(y, cdf, x *float64, n int, tab *float64) (skipped int)
// cdf = Φ(x) and y = x·Φ(x) for n = 4m entries.
TEXT ·geluAVX(SB), NOSPLIT, $0-48
	MOVQ y+0(FP), DI
	MOVQ cdf+8(FP), DX
	MOVQ x+16(FP), SI
	MOVQ n+24(FP), CX
	MOVQ tab+32(FP), AX
	XORQ R13, R13
	SHRQ $2, CX
	JZ   done

loop:
	VMOVUPD      (SI), Y0
	VANDPD       geluAbs<>(SB), Y0, Y9
	VCMPPD       $2, geluNine<>(SB), Y9, Y9
	VMAXPD       geluMNine<>(SB), Y0, Y1
	VMINPD       geluNine<>(SB), Y1, Y1
	VADDPD       geluNine<>(SB), Y1, Y2
	VMULPD       geluSixteen<>(SB), Y2, Y2
	VADDPD       geluHalf<>(SB), Y2, Y2
	VCVTTPD2DQY  Y2, X3
	VCVTDQ2PD    X3, Y2
	VMULPD       geluSixteenth<>(SB), Y2, Y2
	VSUBPD       geluNine<>(SB), Y2, Y2
	VSUBPD       Y2, Y1, Y1
	VPMULLD      geluRowBytes<>(SB), X3, X3
	VMOVD        X3, R8
	VPEXTRD      $1, X3, R9
	VPEXTRD      $2, X3, R10
	VPEXTRD      $3, X3, R11
	VMULPD       Y1, Y1, Y15
	VMULPD       Y15, Y15, Y14
	VMULPD       Y14, Y14, Y8
	VMOVUPD      0(AX)(R8*1), Y4
	VMOVUPD      0(AX)(R9*1), Y5
	VMOVUPD      0(AX)(R10*1), Y6
	VMOVUPD      0(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VMOVAPD      Y4, Y2
	VMOVUPD      32(AX)(R8*1), Y4
	VMOVUPD      32(AX)(R9*1), Y5
	VMOVUPD      32(AX)(R10*1), Y6
	VMOVUPD      32(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VFMADD231PD  Y4, Y14, Y2
	VMOVUPD      64(AX)(R8*1), Y4
	VMOVUPD      64(AX)(R9*1), Y5
	VMOVUPD      64(AX)(R10*1), Y6
	VMOVUPD      64(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VMOVAPD      Y4, Y3
	VMOVSD       96(AX)(R8*1), X4
	VMOVHPD      96(AX)(R9*1), X4, X4
	VMOVSD       96(AX)(R10*1), X5
	VMOVHPD      96(AX)(R11*1), X5, X5
	VINSERTF128  $1, X5, Y4, Y4
	VFMADD231PD  Y4, Y14, Y3
	VFMADD231PD  Y3, Y8, Y2
	VANDPD       Y9, Y2, Y2
	VMOVUPD      Y2, (DX)
	VMULPD       Y0, Y2, Y2
	VANDPD       Y9, Y2, Y2
	VMOVUPD      Y2, (DI)
	VMOVMSKPD    Y9, R12
	XORQ         $15, R12
	POPCNTQ      R12, R12
	ADDQ         R12, R13
	ADDQ         $32, SI
	ADDQ         $32, DI
	ADDQ         $32, DX
	DECQ         CX
	JNZ          loop

done:
	MOVQ R13, skipped+40(FP)
	VZEROUPPER
	RET

// func geluBackAVX(ga, gy, x, cdf *float64, n int, tab *float64, add int) (skipped int)
// ga = gy·(Φ(x) + x·φ(x)) (add = 0) or ga += that (add ≠ 0) for n = 4m entries, with Φ(x)
// from the forward pass (cdf).
TEXT ·geluBackAVX(SB), NOSPLIT, $0-64
	MOVQ ga+0(FP), DI
	MOVQ gy+8(FP), DX
	MOVQ x+16(FP), SI
	MOVQ cdf+24(FP), BX
	MOVQ n+32(FP), CX
	MOVQ tab+40(FP), AX
	XORQ R13, R13
	SHRQ $2, CX
	JZ   bdone

bloop:
	VMOVUPD      (SI), Y0
	VANDPD       geluAbs<>(SB), Y0, Y9
	VCMPPD       $2, geluNine<>(SB), Y9, Y9
	VMAXPD       geluMNine<>(SB), Y0, Y1
	VMINPD       geluNine<>(SB), Y1, Y1
	VADDPD       geluNine<>(SB), Y1, Y2
	VMULPD       geluSixteen<>(SB), Y2, Y2
	VADDPD       geluHalf<>(SB), Y2, Y2
	VCVTTPD2DQY  Y2, X3
	VCVTDQ2PD    X3, Y2
	VMULPD       geluSixteenth<>(SB), Y2, Y2
	VSUBPD       geluNine<>(SB), Y2, Y2
	VSUBPD       Y2, Y1, Y1
	VPMULLD      geluRowBytes<>(SB), X3, X3
	VMOVD        X3, R8
	VPEXTRD      $1, X3, R9
	VPEXTRD      $2, X3, R10
	VPEXTRD      $3, X3, R11
	VMULPD       Y1, Y1, Y15
	VMULPD       Y15, Y15, Y14
	VMULPD       Y14, Y14, Y8
	VMOVUPD      128(AX)(R8*1), Y4
	VMOVUPD      128(AX)(R9*1), Y5
	VMOVUPD      128(AX)(R10*1), Y6
	VMOVUPD      128(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VMOVAPD      Y4, Y3
	VMOVUPD      160(AX)(R8*1), Y4
	VMOVUPD      160(AX)(R9*1), Y5
	VMOVUPD      160(AX)(R10*1), Y6
	VMOVUPD      160(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VFMADD231PD  Y4, Y14, Y3
	VMOVUPD      192(AX)(R8*1), Y4
	VMOVUPD      192(AX)(R9*1), Y5
	VMOVUPD      192(AX)(R10*1), Y6
	VMOVUPD      192(AX)(R11*1), Y7
	VUNPCKLPD    Y5, Y4, Y10
	VUNPCKHPD    Y5, Y4, Y11
	VUNPCKLPD    Y7, Y6, Y12
	VUNPCKHPD    Y7, Y6, Y13
	VPERM2F128   $0x20, Y12, Y10, Y4
	VPERM2F128   $0x20, Y13, Y11, Y5
	VPERM2F128   $0x31, Y12, Y10, Y6
	VPERM2F128   $0x31, Y13, Y11, Y7
	VFMADD231PD  Y5, Y1, Y4
	VFMADD231PD  Y7, Y1, Y6
	VFMADD231PD  Y6, Y15, Y4
	VFMADD231PD  Y4, Y8, Y3
	VMOVUPD      (BX), Y2
	VFMADD231PD  Y3, Y0, Y2
	VMULPD       (DX), Y2, Y2
	VANDPD       Y9, Y2, Y2
	CMPQ         add+48(FP), $0
	JEQ          bstore
	VADDPD       (DI), Y2, Y2

bstore:
	VMOVUPD      Y2, (DI)
	VMOVMSKPD    Y9, R12
	XORQ         $15, R12
	POPCNTQ      R12, R12
	ADDQ         R12, R13
	ADDQ         $32, SI
	ADDQ         $32, DI
	ADDQ         $32, DX
	ADDQ         $32, BX
	DECQ         CX
	JNZ          bloop

bdone:
	MOVQ R13, skipped+56(FP)
	VZEROUPPER
	RET
