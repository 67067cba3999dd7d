#include "textflag.h"

// Arguments of both kernels:
// func(y *float64, ldy, n int, w *float64, step, first, span int, ptr, idx *int32, val *float64)
// For i < n: y[i·ldy : +32] += Σ_{e ∈ [ptr[i], ptr[i+span])} val[e]·w[idx[e] − (i+first)·step : +32].
// n, span ≥ 1. R9 is the byte address of w − (i+first)·step for the current row.

// func band32AVX(...)
TEXT ·band32AVX(SB), NOSPLIT, $0-80
	MOVQ y+0(FP), DI
	MOVQ ldy+8(FP), R14
	SHLQ $3, R14
	MOVQ n+16(FP), R15
	MOVQ step+32(FP), R10
	SHLQ $3, R10
	MOVQ first+40(FP), AX
	IMULQ R10, AX
	MOVQ w+24(FP), R9
	SUBQ AX, R9
	MOVQ span+48(FP), R12
	SHLQ $2, R12
	MOVQ ptr+56(FP), R13
	MOVQ idx+64(FP), SI
	MOVQ val+72(FP), R8

row:
	MOVLQSX (R13), BX
	MOVLQSX (R13)(R12*1), CX
	CMPQ    BX, CX
	JGE     next
	VMOVUPD 0(DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD 128(DI), Y4
	VMOVUPD 160(DI), Y5
	VMOVUPD 192(DI), Y6
	VMOVUPD 224(DI), Y7

entry:
	MOVLQSX      (SI)(BX*4), DX
	VBROADCASTSD (R8)(BX*8), Y8
	VFMADD231PD  (R9)(DX*8), Y8, Y0
	VFMADD231PD  32(R9)(DX*8), Y8, Y1
	VFMADD231PD  64(R9)(DX*8), Y8, Y2
	VFMADD231PD  96(R9)(DX*8), Y8, Y3
	VFMADD231PD  128(R9)(DX*8), Y8, Y4
	VFMADD231PD  160(R9)(DX*8), Y8, Y5
	VFMADD231PD  192(R9)(DX*8), Y8, Y6
	VFMADD231PD  224(R9)(DX*8), Y8, Y7
	INCQ         BX
	CMPQ         BX, CX
	JLT          entry

	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)

next:
	ADDQ R14, DI
	ADDQ $4, R13
	SUBQ R10, R9
	DECQ R15
	JNZ  row

	VZEROUPPER
	RET

// func band32AVX512(...)
// The entries of a row alternate between two sets of accumulators (Z0–Z3 start from y, Z4–Z7
// from zero, added at the end of the row), so no accumulator waits on the previous entry.
TEXT ·band32AVX512(SB), NOSPLIT, $0-80
	MOVQ y+0(FP), DI
	MOVQ ldy+8(FP), R14
	SHLQ $3, R14
	MOVQ n+16(FP), R15
	MOVQ step+32(FP), R10
	SHLQ $3, R10
	MOVQ first+40(FP), AX
	IMULQ R10, AX
	MOVQ w+24(FP), R9
	SUBQ AX, R9
	MOVQ span+48(FP), R12
	SHLQ $2, R12
	MOVQ ptr+56(FP), R13
	MOVQ idx+64(FP), SI
	MOVQ val+72(FP), R8

row:
	MOVLQSX (R13), BX
	MOVLQSX (R13)(R12*1), CX
	CMPQ    BX, CX
	JGE     next
	VMOVUPD 0(DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD 128(DI), Z2
	VMOVUPD 192(DI), Z3
	VPXORQ  Z4, Z4, Z4
	VPXORQ  Z5, Z5, Z5
	VPXORQ  Z6, Z6, Z6
	VPXORQ  Z7, Z7, Z7

pair:
	LEAQ         1(BX), DX
	CMPQ         DX, CX
	JGE          single
	MOVLQSX      (SI)(BX*4), DX
	MOVLQSX      4(SI)(BX*4), AX
	VBROADCASTSD (R8)(BX*8), Z8
	VBROADCASTSD 8(R8)(BX*8), Z9
	VFMADD231PD  (R9)(DX*8), Z8, Z0
	VFMADD231PD  64(R9)(DX*8), Z8, Z1
	VFMADD231PD  128(R9)(DX*8), Z8, Z2
	VFMADD231PD  192(R9)(DX*8), Z8, Z3
	VFMADD231PD  (R9)(AX*8), Z9, Z4
	VFMADD231PD  64(R9)(AX*8), Z9, Z5
	VFMADD231PD  128(R9)(AX*8), Z9, Z6
	VFMADD231PD  192(R9)(AX*8), Z9, Z7
	ADDQ         $2, BX
	JMP          pair

single:
	CMPQ         BX, CX
	JGE          store
	MOVLQSX      (SI)(BX*4), DX
	VBROADCASTSD (R8)(BX*8), Z8
	VFMADD231PD  (R9)(DX*8), Z8, Z0
	VFMADD231PD  64(R9)(DX*8), Z8, Z1
	VFMADD231PD  128(R9)(DX*8), Z8, Z2
	VFMADD231PD  192(R9)(DX*8), Z8, Z3

store:
	VADDPD  Z4, Z0, Z0
	VADDPD  Z5, Z1, Z1
	VADDPD  Z6, Z2, Z2
	VADDPD  Z7, Z3, Z3
	VMOVUPD Z0, 0(DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, 128(DI)
	VMOVUPD Z3, 192(DI)

next:
	ADDQ R14, DI
	ADDQ $4, R13
	SUBQ R10, R9
	DECQ R15
	JNZ  row

	VZEROUPPER
	RET
