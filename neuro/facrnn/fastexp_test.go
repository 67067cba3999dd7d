package facrnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestExpNeg(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	xs := []float64{0, -1e-300, -0.5, -math.Ln2 / 2, -700, -707.9, -708.5, -745, -1e4}
	for i := 0; i < 100000; i++ {
		xs = append(xs, -rng.Float64()*750)
	}
	for _, x := range xs {
		got, want := expNeg(x), math.Exp(x)
		if x < -708 {
			want = 0
		}
		if math.Abs(got-want) > 1e-13*want {
			t.Fatalf("expNeg(%v) = %v, want %v", x, got, want)
		}
	}
}
