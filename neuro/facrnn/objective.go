package facrnn

import (
	"math"
)

// Terms are the parts of the training loss on one batch.
type Terms struct {
	Loss float64 // NLL + KL + β·PC + α·BD
	NLL  float64 // mean negative Gaussian log-likelihood
	KL   float64 // mean KL(q ‖ N(0, I))
	PC   float64 // mini-batch partial correlation estimate
	BD   float64 // mean squared off-block-diagonal latent overlap
}

// objective evaluates the loss and its gradient for a model; it owns reusable buffers.
type objective struct {
	m           *Model
	beta, alpha float64
	tTot        float64
	kde         *kde
	// gradients, laid out like the model's parameters
	gEnc, gDec []layerGrad
	gLogStd    []float64
	// batch buffers
	encBuf, decBuf [][]float64
	z, dz, dmu     []float64
	dEnc, dDec     [][]float64
}

type layerGrad struct{ W, Bias []float64 }

func newObjective(m *Model, beta, alpha, tTot float64, maxBatch int) *objective {
	o := &objective{m: m, beta: beta, alpha: alpha, tTot: tTot}
	o.kde = newKDE(groupBounds(m.K, m.H), m.SQ, maxBatch)
	mk := func(ls []Layer) ([]layerGrad, [][]float64, [][]float64) {
		gs := make([]layerGrad, len(ls))
		bufs := make([][]float64, len(ls))
		ds := make([][]float64, len(ls)+1)
		for l, L := range ls {
			out, in := L.W.Dims()
			gs[l] = layerGrad{W: make([]float64, out*in), Bias: make([]float64, out)}
			bufs[l] = make([]float64, maxBatch*out)
			ds[l] = make([]float64, maxBatch*in)
			ds[l+1] = make([]float64, maxBatch*out)
		}
		return gs, bufs, ds
	}
	o.gEnc, o.encBuf, o.dEnc = mk(m.Enc)
	o.gDec, o.decBuf, o.dDec = mk(m.Dec)
	o.gLogStd = make([]float64, m.N)
	o.z = make([]float64, maxBatch*m.K)
	o.dz = make([]float64, maxBatch*m.K)
	o.dmu = make([]float64, maxBatch*m.K)
	return o
}

// params returns the model's parameter slices and the matching gradient slices.
func (o *objective) params() (values, grads [][]float64) {
	add := func(ls []Layer, gs []layerGrad) {
		for l := range ls {
			values = append(values, ls[l].W.RawMatrix().Data, ls[l].Bias)
			grads = append(grads, gs[l].W, gs[l].Bias)
		}
	}
	add(o.m.Enc, o.gEnc)
	add(o.m.Dec, o.gDec)
	values = append(values, o.m.LogStd)
	grads = append(grads, o.gLogStd)
	return
}

func (o *objective) zeroGrad() {
	for _, gs := range [][]layerGrad{o.gEnc, o.gDec} {
		for _, g := range gs {
			clear(g.W)
			clear(g.Bias)
		}
	}
	clear(o.gLogStd)
}

// eval computes the loss on a batch of n rows (u, x, e row-major n×N; e may be nil; eps n×K
// standard normal draws) and, if grad, sets the gradients.
func (o *objective) eval(u, x, e, eps []float64, n int, grad bool) Terms {
	m := o.m
	N, K := m.N, m.K
	sq := m.SQ
	encActs := forward(m.Enc, u, n, o.encBuf)
	mu := encActs[len(encActs)-1]
	z := o.z[:n*K]
	for i := range z {
		z[i] = mu[i] + sq*eps[i]
	}
	decActs := forward(m.Dec, z, n, o.decBuf)
	out := decActs[len(decActs)-1]
	var t Terms
	// Gaussian NLL, its gradient wrt the decoder output and the log-stds.
	nf := float64(n)
	dOut := o.dDec[len(m.Dec)][:n*N]
	const halfLog2Pi = 0.9189385332046727
	lsSum := 0.0
	for _, ls := range m.LogStd {
		lsSum += ls
	}
	nll := 0.0
	if grad {
		o.zeroGrad()
	}
	for c := 0; c < N; c++ {
		iv := math.Exp(-2 * m.LogStd[c])
		g := 0.0
		for i := 0; i < n; i++ {
			mean := out[i*N+c]
			if e != nil {
				mean += e[i*N+c]
			}
			r := x[i*N+c] - mean
			rr := r * r * iv
			nll += 0.5 * rr
			g += 1 - rr
			dOut[i*N+c] = -r * iv / nf
		}
		if grad {
			o.gLogStd[c] = g / nf
		}
	}
	t.NLL = nll/nf + lsSum + float64(N)*halfLog2Pi
	kl := 0.0
	for _, v := range mu[:n*K] {
		kl += v * v
	}
	t.KL = 0.5*kl/nf + 0.5*float64(K)*(sq*sq-1-2*math.Log(sq))
	dz, dmu := o.dz[:n*K], o.dmu[:n*K]
	if grad {
		clear(dmu)
	}
	if (o.beta != 0 || !grad) && m.H < m.K {
		if grad {
			clear(dz)
			t.PC = batchPC(o.kde, z, mu, n, K, o.tTot, o.beta, dz, dmu)
		} else {
			t.PC = batchPC(o.kde, z, mu, n, K, o.tTot, 0, nil, nil)
		}
	}
	if o.alpha != 0 {
		t.BD = o.blockDiag(grad)
	}
	t.Loss = t.NLL + t.KL + o.beta*t.PC + o.alpha*t.BD
	if !grad {
		return t
	}
	// Decoder backward to z.
	dZ := backward(m.Dec, decActs, o.dDec, o.gDec, n)
	for i := range dmu {
		dmu[i] += dZ[i] + mu[i]/nf
		if o.beta != 0 && m.H < m.K {
			dmu[i] += dz[i]
		}
	}
	copy(o.dEnc[len(m.Enc)][:n*K], dmu)
	backward(m.Enc, encActs, o.dEnc, o.gEnc, n)
	return t
}

// backward propagates ds[len(layers)] (the loss gradient wrt the last activation) through the
// layers, accumulating parameter gradients, and returns the gradient wrt the input.
func backward(layers []Layer, acts [][]float64, ds [][]float64, gs []layerGrad, n int) []float64 {
	for l := len(layers) - 1; l >= 0; l-- {
		L := layers[l]
		out, in := L.W.Dims()
		dy := ds[l+1][:n*out]
		y := acts[l+1]
		if L.ReLU {
			for i, v := range y[:n*out] {
				if v <= 0 {
					dy[i] = 0
				}
			}
		}
		x := acts[l]
		w := L.W.RawMatrix().Data
		gw, gb := gs[l].W, gs[l].Bias
		dx := ds[l][:n*in]
		clear(dx)
		for i := 0; i < n; i++ {
			xi := x[i*in : (i+1)*in]
			dxi := dx[i*in : (i+1)*in]
			for o := 0; o < out; o++ {
				d := dy[i*out+o]
				if d == 0 {
					continue
				}
				gb[o] += d
				gwo := gw[o*in : (o+1)*in]
				wo := w[o*in : (o+1)*in]
				for k, v := range xi {
					gwo[k] += d * v
					dxi[k] += d * wo[k]
				}
			}
		}
	}
	return ds[0][:n*layers[0].W.RawMatrix().Cols]
}

// blockDiag returns mean((M ⊙ J)²) with J = B A and M the off-block-diagonal mask, adding α
// times its gradient to the A and B gradients when grad is set.
func (o *objective) blockDiag(grad bool) float64 {
	m := o.m
	A, B := m.Dec[0].W.RawMatrix().Data, m.Enc[0].W.RawMatrix().Data // N×K, K×N
	N, K := m.N, m.K
	J := make([]float64, K*K)
	for k := 0; k < K; k++ {
		for l := 0; l < K; l++ {
			if k/m.H == l/m.H {
				continue
			}
			s := 0.0
			for i := 0; i < N; i++ {
				s += B[k*N+i] * A[i*K+l]
			}
			J[k*K+l] = s
		}
	}
	v := 0.0
	for _, x := range J {
		v += x * x
	}
	kk := float64(K * K)
	if grad {
		f := o.alpha * 2 / kk
		gA, gB := o.gDec[0].W, o.gEnc[0].W
		for k := 0; k < K; k++ {
			for l := 0; l < K; l++ {
				d := f * J[k*K+l]
				if d == 0 {
					continue
				}
				for i := 0; i < N; i++ {
					gB[k*N+i] += d * A[i*K+l]
					gA[i*K+l] += d * B[k*N+i]
				}
			}
		}
	}
	return v / kk
}
