#include "textflag.h"

// func gather32AVX512(y *float64, ldy int, w *float64, step int, rows *int32, rowStride, taps, n int, ptr, idx *int32, val *float64)
// gather32AVX's sums with 512-bit registers: the entries of a row alternate between two sets of
// four accumulators (Z0–Z3 start from y, Z4–Z7 from zero, added at the end of the output row),
// so no accumulator waits on the previous entry's multiply-add.
TEXT ·gather32AVX512(SB), NOSPLIT, $8-88
	MOVQ y+0(FP), DI
	MOVQ step+24(FP), R10
	SHLQ $3, R10
	MOVQ rows+32(FP), R11
	MOVQ ptr+64(FP), R13
	MOVQ idx+72(FP), SI
	MOVQ val+80(FP), R8

row:
	VMOVUPD 0(DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD 128(DI), Z2
	VMOVUPD 192(DI), Z3
	VPXORQ  Z4, Z4, Z4
	VPXORQ  Z5, Z5, Z5
	VPXORQ  Z6, Z6, Z6
	VPXORQ  Z7, Z7, Z7
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
	JGE          next
	MOVLQSX      (SI)(BX*4), DX
	VBROADCASTSD (R8)(BX*8), Z8
	VFMADD231PD  (R9)(DX*8), Z8, Z0
	VFMADD231PD  64(R9)(DX*8), Z8, Z1
	VFMADD231PD  128(R9)(DX*8), Z8, Z2
	VFMADD231PD  192(R9)(DX*8), Z8, Z3

next:
	ADDQ $4, R12
	ADDQ R10, R9
	CMPQ R12, tapend-8(SP)
	JLT  tap

	VADDPD  Z4, Z0, Z0
	VADDPD  Z5, Z1, Z1
	VADDPD  Z6, Z2, Z2
	VADDPD  Z7, Z3, Z3
	VMOVUPD Z0, 0(DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, 128(DI)
	VMOVUPD Z3, 192(DI)
	MOVQ    ldy+8(FP), AX
	LEAQ    (DI)(AX*8), DI
	MOVQ    rowStride+40(FP), AX
	LEAQ    (R11)(AX*4), R11
	DECQ    n+56(FP)
	JNZ     row

	VZEROUPPER
	RET
