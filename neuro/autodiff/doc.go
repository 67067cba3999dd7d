// Package autodiff is a small reverse-mode automatic differentiation tape over dense float64
// matrices, written for the gradient-trained models of neurodyn: variational SMC over low-rank
// RNNs (neuro/smc), teacher training by backpropagation through time (neuro/lowrank) and the
// FacRNN VAE (neuro/facrnn).
//
// # Model
//
// Every value is a matrix (rows × cols, row-major; typically batch × features). A computation
// y = f_n ∘ … ∘ f_1(θ, x) is recorded on a Tape as it runs. Backward seeds ȳ = ∂L/∂L = 1 for a
// scalar loss L and visits the recorded ops in reverse, each adding the vector–Jacobian product
//
//	ā += (∂f/∂a)ᵀ ȳ   for every operand a of y = f(a, b, …),
//
// so after one sweep every node v holds v̄ = ∂L/∂v and every parameter θ has ∂L/∂θ added to its
// Grad. Ops work on whole matrices (one node per matrix op, never per scalar); matrix products
// go through gonum BLAS (blas64.Gemm) without materialising transposes.
//
// # Usage
//
//	W, _ := autodiff.NewParam("W", 3, 2)        // persists across tapes
//	tp := autodiff.NewTape()
//	for step := range steps {
//		tp.Reset()                               // keeps buffers from the previous step
//		x := tp.Input(n, 3, xs)                  // constants: no gradient
//		yhat := tp.MatMul(x, tp.Param(W))
//		loss := tp.Mean(tp.Square(tp.Sub(yhat, tp.Input(n, 2, ys))))
//		W.ZeroGrad()
//		if err := tp.Backward(loss); err != nil { … } // W.Grad now holds ∂loss/∂W
//		…                                        // e.g. an optim.Optimizer step
//	}
//
// Errors are sticky: an op given bad operands (shape mismatch, nil, a Var from before Reset)
// records the first error and returns a placeholder; Err and Backward report it. Backward also
// refuses a non-finite loss and FlushGrads a non-finite parameter gradient, so NaNs never reach
// the parameters silently.
//
// # Ops and their gradients (Ḡ = ∂L/∂Y)
//
//	MatMul, MatMulT      Y = op(A)·op(B)              Ā = Ḡ·op(B)ᵀ, B̄ = op(A)ᵀ·Ḡ (transposed as needed)
//	Add, Sub, Mul, Div   elementwise with broadcasting of 1×c rows, r×1 columns and 1×1 scalars;
//	                     the gradient of a broadcast operand is summed over the broadcast axis
//	Scale, AddConst, Neg Y = s·A, A + c, −A
//	ReLU, LeakyReLU, ClippedReLU(A, h) = max(A+h, 0) − max(A, 0), Tanh, Sigmoid, Softplus,
//	Exp, Log, Sqrt, Square, GELU (exact, x·Φ(x)), Clamp   Ā = Ḡ ⊙ f′(A)
//	Sum, Mean            1×1;   RowSums, RowMeans r×1;   ColSums, ColMeans 1×c
//	RowLogSumExp         y_i = log Σ_j exp a_ij (r×1), ā_ij = ḡ_i softmax_j(a_i·); ColLogSumExp 1×c
//	GatherRows           Y_k = A_{idx[k]} (resampling); Ā scatter-adds Ḡ
//	SliceRows, SliceCols, ConcatRows, ConcatCols, Transpose, Reshape, Detach (no gradient)
//	Cholesky             L·Lᵀ = sym(S); S̄ = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹), Φ = lower triangle, halved diagonal
//	TriSolve             X = L⁻¹B or L⁻ᵀB; B̄ = L⁻ᵀX̄, L̄ = −tril(B̄Xᵀ) (and the transposed case)
//	TriSolveRows         X = D·L⁻ᵀ (rows whitened by a Cholesky factor); D̄ = X̄L⁻¹, L̄ = −tril(D̄ᵀX)
//	CholSolve, LogDetTri (Σ log|Lᵢᵢ|), LogDetSPD, LowerExpDiag (Lᵢⱼ = Pᵢⱼ below, exp(Pᵢᵢ/2) on the diagonal)
//	                     all of these also take a stack of B blocks, (B·R)×R, for batched systems
//	                     (TriSolveRows then whitens B consecutive row groups, one per block)
//	Conv1D               y[t] = Σⱼ x[src(t−Left+j)]·W_j over stacked sequences, zero / circular /
//	                     reflect padding, causal (Left = k−1), acausal or centred; im2col + one GEMM
//	GaussianLogLikRows   yᵢ = Σⱼ −½[(xᵢⱼ−μᵢⱼ)²e^{−sᵢⱼ} + sᵢⱼ + log 2π] (n×1, fused; s = log-variance)
//	PoissonLogLikRows    yᵢ = Σⱼ kᵢⱼ log λᵢⱼ − λᵢⱼ − log Γ(kᵢⱼ+1) (n×1, fused; counts are data)
//	                     both broadcast by row groups: an operand with n/g rows serves g
//	                     consecutive result rows each (one trial's data for its K particles)
//	RepeatRows           each row repeated k times (a trial's state for its particles)
//	Func                 a user-defined fused op with its own forward and backward
//	FuncOverwrite        Func whose backward assigns fresh input gradients (no clearing)
//
// Every op's gradient is checked against central finite differences (relative error ≤ 1e-6) in
// the tests. References: Griewank & Walther, Evaluating Derivatives (2008), for reverse mode;
// Murray, "Differentiation of the Cholesky decomposition" (arXiv 1602.07527, 2016), for Cholesky.
//
// # Speed
//
// Buffers come from an arena owned by the Tape; Reset recycles them, so a training loop that
// records the same graph each step stops allocating matrix memory after the first step.
// A gradient buffer written in full by the first op to reach it is assigned, not cleared and
// added to. Products with a rank-sized inner dimension or output width (≤ 4) use dedicated
// loops, since gonum's kernels are tuned for wide operands.
// A Tape is single-threaded; parallelise over trials or batches with one Tape per goroutine
// (Backward's addition into a shared Param.Grad is locked; use BackwardDeferred and FlushGrads
// in a fixed order for results independent of scheduling).
package autodiff
