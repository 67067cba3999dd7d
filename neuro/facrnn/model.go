package facrnn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Layer is a dense map y = f(x Wᵀ + Bias) with W of shape out×in and f the identity or ReLU.
type Layer struct {
	W    *mat.Dense
	Bias []float64
	ReLU bool
}

// Model is a trained FacRNN (or baseline). Enc maps u_t to the latent mean μ_t, Dec maps z_t to
// the decoder mean (before adding e_t). For the linear model Enc = [B, b] and Dec = [A, a].
type Model struct {
	N, K   int       // neurons, latent dimensions
	H      int       // group size (K = G·H contiguous groups); H = K is one group
	SQ     float64   // fixed encoder standard deviation s_q
	Enc    []Layer   // encoder layers
	Dec    []Layer   // decoder layers
	LogStd []float64 // per-neuron decoder log standard deviation
}

// Linear reports whether encoder and decoder are single affine maps (so W = A B exists).
func (m *Model) Linear() bool {
	return len(m.Enc) == 1 && len(m.Dec) == 1 && !m.Enc[0].ReLU
}

// A returns the decoder (output) matrix, N×K, of a linear model.
func (m *Model) A() (*mat.Dense, error) {
	if !m.Linear() {
		return nil, fmt.Errorf("facrnn: A: the model has MLP layers")
	}
	return mat.DenseCopyOf(m.Dec[0].W), nil
}

// B returns the encoder (input/selection) matrix, K×N, of a linear model.
func (m *Model) B() (*mat.Dense, error) {
	if !m.Linear() {
		return nil, fmt.Errorf("facrnn: B: the model has MLP layers")
	}
	return mat.DenseCopyOf(m.Enc[0].W), nil
}

// W returns the connectivity A B (N×N, rank K).
func (m *Model) W() (*mat.Dense, error) {
	return m.SubW(allIdx(m.K))
}

// SubW returns the sub-connectivity A_{:,S} B_{S,:} of the latent coordinates S.
func (m *Model) SubW(S []int) (*mat.Dense, error) {
	if !m.Linear() {
		return nil, fmt.Errorf("facrnn: SubW: the model has MLP layers")
	}
	A, B := m.Dec[0].W, m.Enc[0].W
	w := mat.NewDense(m.N, m.N, nil)
	for _, k := range S {
		if k < 0 || k >= m.K {
			return nil, fmt.Errorf("facrnn: SubW: coordinate %d out of range [0, %d)", k, m.K)
		}
		for i := 0; i < m.N; i++ {
			a := A.At(i, k)
			row := w.RawRowView(i)
			for j, bv := range B.RawRowView(k) {
				row[j] += a * bv
			}
		}
	}
	return w, nil
}

// Groups returns the model's contiguous latent groups.
func (m *Model) Groups() [][]int { return ContiguousGroups(m.K, m.H) }

// Encode returns the latent means μ_t = Enc(u_t) (T×K).
func (m *Model) Encode(U *mat.Dense) (*mat.Dense, error) {
	r, c := U.Dims()
	if c != m.N {
		return nil, fmt.Errorf("facrnn: Encode: U has %d columns, model has N = %d", c, m.N)
	}
	out := forward(m.Enc, U.RawMatrix().Data, r, nil)
	return mat.NewDense(r, m.K, out[len(out)-1]), nil
}

// Decode returns the decoder means Dec(z_t) + e_t (T×N); E may be nil.
func (m *Model) Decode(Z, E *mat.Dense) (*mat.Dense, error) {
	r, c := Z.Dims()
	if c != m.K {
		return nil, fmt.Errorf("facrnn: Decode: Z has %d columns, model has K = %d", c, m.K)
	}
	zz := mat.DenseCopyOf(Z)
	out := forward(m.Dec, zz.RawMatrix().Data, r, nil)
	res := mat.NewDense(r, m.N, out[len(out)-1])
	if E != nil {
		if er, ec := E.Dims(); er != r || ec != m.N {
			return nil, fmt.Errorf("facrnn: Decode: E is %d×%d, want %d×%d", er, ec, r, m.N)
		}
		res.Add(res, E)
	}
	return res, nil
}

// forward runs layers on x (n rows, row-major) and returns every activation, the input first.
// bufs, if long enough, provides reusable storage.
func forward(layers []Layer, x []float64, n int, bufs [][]float64) [][]float64 {
	acts := make([][]float64, 0, len(layers)+1)
	acts = append(acts, x)
	for l, L := range layers {
		out, in := L.W.Dims()
		var y []float64
		if l < len(bufs) && len(bufs[l]) >= n*out {
			y = bufs[l][:n*out]
		} else {
			y = make([]float64, n*out)
		}
		dense(y, acts[l], L.W.RawMatrix().Data, L.Bias, n, in, out, L.ReLU)
		acts = append(acts, y)
	}
	return acts
}

// dense computes y = f(x Wᵀ + b) for x n×in, W out×in.
func dense(y, x, w, b []float64, n, in, out int, relu bool) {
	for i := 0; i < n; i++ {
		xi := x[i*in : (i+1)*in]
		yi := y[i*out : (i+1)*out]
		for o := 0; o < out; o++ {
			wo := w[o*in : (o+1)*in]
			s := b[o]
			for k, v := range xi {
				s += v * wo[k]
			}
			if relu && s < 0 {
				s = 0
			}
			yi[o] = s
		}
	}
}

// ContiguousGroups returns the groups [gH, (g+1)H) of K coordinates.
func ContiguousGroups(K, H int) [][]int {
	if H <= 0 || K%H != 0 {
		return nil
	}
	gs := make([][]int, K/H)
	for g := range gs {
		for k := g * H; k < (g+1)*H; k++ {
			gs[g] = append(gs[g], k)
		}
	}
	return gs
}

func allIdx(k int) []int {
	s := make([]int, k)
	for i := range s {
		s[i] = i
	}
	return s
}

// SQDefault is the fixed encoder std s_q = T^(−1/(K+4)) (Scott's KDE bandwidth).
func SQDefault(T, K int) float64 { return math.Pow(float64(T), -1/float64(K+4)) }
