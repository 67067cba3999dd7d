#include "textflag.h"

// func gather32AVX(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64)
// For i < n: y[i·ldy : +32] += Σ_{j<taps} Σ_{e ∈ row rows[i·rowStride+j]} val[e]·w[j·step + idx[e] : +32];
// negative rows are skipped. taps, n ≥ 1.
TEXT ·gather32AVX(SB), NOSPLIT, $8-88
	MOVQ y+0(FP), DI
	MOVQ step+24(FP), R10
	SHLQ $3, R10
	MOVQ rows+32(FP), R11
	MOVQ ptr+64(FP), R13
	MOVQ idx+72(FP), SI
	MOVQ val+80(FP), R8

row:
	VMOVUPD 0(DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD 128(DI), Y4
	VMOVUPD 160(DI), Y5
	VMOVUPD 192(DI), Y6
	VMOVUPD 224(DI), Y7
	MOVQ    w+16(FP), R9
	MOVQ    R11, R12
	MOVQ    taps+48(FP), AX
	LEAQ    (R11)(AX*4), AX
	MOVQ    AX, tapend-8(SP)

tap:
	MOVLQSX (R12), AX
	TESTQ   AX, AX
	JS      next
	MOVLQSX (R13)(AX*4), BX
	MOVLQSX 4(R13)(AX*4), CX
	CMPQ    BX, CX
	JGE     next

entry:
	MOVLQSX      (SI)(BX*4), DX
	VBROADCASTSD (R8)(BX*8), Y8
	LEAQ         (R9)(DX*8), DX
	VFMADD231PD  0(DX), Y8, Y0
	VFMADD231PD  32(DX), Y8, Y1
	VFMADD231PD  64(DX), Y8, Y2
	VFMADD231PD  96(DX), Y8, Y3
	VFMADD231PD  128(DX), Y8, Y4
	VFMADD231PD  160(DX), Y8, Y5
	VFMADD231PD  192(DX), Y8, Y6
	VFMADD231PD  224(DX), Y8, Y7
	INCQ         BX
	CMPQ         BX, CX
	JLT          entry

next:
	ADDQ $4, R12
	ADDQ R10, R9
	CMPQ R12, tapend-8(SP)
	JLT  tap

	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)
	MOVQ    ldy+8(FP), AX
	LEAQ    (DI)(AX*8), DI
	MOVQ    rowStride+40(FP), AX
	LEAQ    (R11)(AX*4), R11
	DECQ    n+56(FP)
	JNZ     row

	VZEROUPPER
	RET
