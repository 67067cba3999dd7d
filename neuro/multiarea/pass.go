package multiarea

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

type passBuffers struct {
	h, r, y, e, k []float64
}

func newPassBuffers(n int) passBuffers {
	b := make([]float64, 5*n)
	return passBuffers{h: b[:n], r: b[n : 2*n], y: b[2*n : 3*n], e: b[3*n : 4*n], k: b[4*n:]}
}

// pass runs the network once through the data, writing the rates at every data sample into out
// (T×N row-major). With learn it applies the RLS update at every sample after the first. It
// returns chi2 = Σ_t mean_i (r_i − a_i)². The loop does not allocate.
func (m *RNN) pass(learn bool, out []float64) float64 {
	T, N := m.Data.Dims()
	F := m.DtFactor
	alpha := m.Dt / m.Tau
	b := m.bufs
	h, r, y, e, k := b.h, b.r, b.y, b.e, b.k
	J := blas64.General{Rows: N, Cols: N, Stride: N, Data: m.J.RawMatrix().Data}
	P := blas64.General{Rows: N, Cols: N, Stride: N, Data: m.p}
	rv := blas64.Vector{N: N, Inc: 1, Data: r}
	yv := blas64.Vector{N: N, Inc: 1, Data: y}
	kv := blas64.Vector{N: N, Inc: 1, Data: k}
	ev := blas64.Vector{N: N, Inc: 1, Data: e}
	noise := m.Noise.RawMatrix().Data
	a0 := m.Data.RawRowView(0)
	for i, v := range a0 {
		h[i] = math.Atanh(v)
		r[i] = v
	}
	copy(out[:N], r)
	var chi2 float64
	for s := 1; s < T; s++ {
		for f := range F {
			blas64.Gemv(blas.NoTrans, 1, J, rv, 0, yv)
			eta := noise[((s-1)*F+f)*N:][:N]
			for i := range h {
				h[i] += alpha * (y[i] + eta[i] - h[i])
				r[i] = math.Tanh(h[i])
			}
		}
		a := m.Data.RawRowView(s)
		var se float64
		for i := range e {
			e[i] = r[i] - a[i]
			se += e[i] * e[i]
		}
		chi2 += se / float64(N)
		copy(out[s*N:(s+1)*N], r)
		if !learn {
			continue
		}
		// k = P r, c = 1/(1 + rᵀk), P ← P − c k kᵀ.
		blas64.Gemv(blas.NoTrans, 1, P, rv, 0, kv)
		c := 1 / (1 + blas64.Dot(rv, kv))
		blas64.Ger(-c, kv, kv, P)
		// J ← J − c e kᵀ.
		blas64.Ger(-c, ev, kv, J)
	}
	return chi2
}

// teacherPass is one pass of teacher-forced recursive least squares: the recurrent input is
// computed from the recorded rates a(t), and J is regressed onto the input each unit needs to
// follow the data, z(t) = h(t) + τ (h(t+1) − h(t))/dt_data with h = atanh(a). It writes the
// one-step-ahead predictions tanh(h(t) + (dt_data/τ)(J a(t) − h(t))) into out and returns chi2.
func (m *RNN) teacherPass(dtData float64, out []float64) float64 {
	T, N := m.Data.Dims()
	b := m.bufs
	z, e, k := b.h, b.e, b.k
	J := blas64.General{Rows: N, Cols: N, Stride: N, Data: m.J.RawMatrix().Data}
	P := blas64.General{Rows: N, Cols: N, Stride: N, Data: m.p}
	ev := blas64.Vector{N: N, Inc: 1, Data: e}
	kv := blas64.Vector{N: N, Inc: 1, Data: k}
	beta := dtData / m.Tau
	copy(out[:N], m.Data.RawRowView(0))
	var chi2 float64
	for s := 0; s+1 < T; s++ {
		a, a1 := m.Data.RawRowView(s), m.Data.RawRowView(s+1)
		av := blas64.Vector{N: N, Inc: 1, Data: a}
		blas64.Gemv(blas.NoTrans, 1, J, av, 0, ev) // e = J a
		pred := out[(s+1)*N : (s+2)*N]
		var se float64
		for i := range e {
			h, h1 := math.Atanh(a[i]), math.Atanh(a1[i])
			z[i] = h + (h1-h)/beta
			pred[i] = math.Tanh(h + beta*(e[i]-h))
			d := pred[i] - a1[i]
			se += d * d
			e[i] -= z[i]
		}
		chi2 += se / float64(N)
		blas64.Gemv(blas.NoTrans, 1, P, av, 0, kv)
		c := 1 / (1 + blas64.Dot(av, kv))
		blas64.Ger(-c, kv, kv, P)
		blas64.Ger(-c, ev, kv, J)
	}
	return chi2
}
