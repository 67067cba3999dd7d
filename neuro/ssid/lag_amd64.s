#include "textflag.h"

// func lag2x8AVX(x0, x1, y *float64, n int, out *[16]float64)
// out[k] = Σ_{u<n} x0[u]·y[u+k], out[8+k] = Σ_{u<n} x1[u]·y[u+k], k = 0…7.
// y must hold n+7 elements. Two samples per iteration, eight accumulators.
TEXT ·lag2x8AVX(SB), NOSPLIT, $0-40
	MOVQ x0+0(FP), SI
	MOVQ x1+8(FP), R8
	MOVQ y+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ out+32(FP), DX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	MOVQ CX, BX
	SHRQ $1, BX
	JZ   tail

loop:
	VMOVUPD      (DI), Y8
	VMOVUPD      32(DI), Y9
	VBROADCASTSD (SI), Y10
	VBROADCASTSD (R8), Y11
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3
	VMOVUPD      8(DI), Y12
	VMOVUPD      40(DI), Y13
	VBROADCASTSD 8(SI), Y14
	VBROADCASTSD 8(R8), Y15
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y13, Y14, Y5
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	ADDQ         $16, SI
	ADDQ         $16, R8
	ADDQ         $16, DI
	DECQ         BX
	JNZ          loop

tail:
	ANDQ $1, CX
	JZ   done
	VMOVUPD      (DI), Y8
	VMOVUPD      32(DI), Y9
	VBROADCASTSD (SI), Y10
	VBROADCASTSD (R8), Y11
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y9, Y10, Y1
	VFMADD231PD  Y8, Y11, Y2
	VFMADD231PD  Y9, Y11, Y3

done:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y5, Y1, Y1
	VADDPD  Y6, Y2, Y2
	VADDPD  Y7, Y3, Y3
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func lag2x4AVX(x0, x1, y *float64, n int, out *[16]float64)
// out[k] = Σ_{u<n} x0[u]·y[u+k], out[8+k] = Σ_{u<n} x1[u]·y[u+k], k = 0…3 (other entries
// untouched). y must hold n+3 elements.
TEXT ·lag2x4AVX(SB), NOSPLIT, $0-40
	MOVQ x0+0(FP), SI
	MOVQ x1+8(FP), R8
	MOVQ y+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ out+32(FP), DX
	VXORPD Y0, Y0, Y0
	VXORPD Y2, Y2, Y2
	VXORPD Y4, Y4, Y4
	VXORPD Y6, Y6, Y6
	MOVQ CX, BX
	SHRQ $1, BX
	JZ   tail4

loop4:
	VMOVUPD      (DI), Y8
	VBROADCASTSD (SI), Y10
	VBROADCASTSD (R8), Y11
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y8, Y11, Y2
	VMOVUPD      8(DI), Y12
	VBROADCASTSD 8(SI), Y14
	VBROADCASTSD 8(R8), Y15
	VFMADD231PD  Y12, Y14, Y4
	VFMADD231PD  Y12, Y15, Y6
	ADDQ         $16, SI
	ADDQ         $16, R8
	ADDQ         $16, DI
	DECQ         BX
	JNZ          loop4

tail4:
	ANDQ $1, CX
	JZ   done4
	VMOVUPD      (DI), Y8
	VBROADCASTSD (SI), Y10
	VBROADCASTSD (R8), Y11
	VFMADD231PD  Y8, Y10, Y0
	VFMADD231PD  Y8, Y11, Y2

done4:
	VADDPD  Y4, Y0, Y0
	VADDPD  Y6, Y2, Y2
	VMOVUPD Y0, (DX)
	VMOVUPD Y2, 64(DX)
	VZEROUPPER
	RET
