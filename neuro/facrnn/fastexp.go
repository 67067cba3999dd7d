package facrnn

import "math"

// expTab[i] = 2^(i/64).
var expTab = func() (t [64]float64) {
	for i := range t {
		t[i] = math.Exp2(float64(i) / 64)
	}
	return
}()

// expNeg returns e^x for x ≤ 0 with relative error below 1e-13, and 0 below −708: x = n·ln2/64
// + r with |r| ≤ ln2/128, e^x = 2^(n>>6)·2^((n&63)/64)·p(r) with p the degree-5 Taylor
// polynomial. It is the kernel of the partial-correlation estimator, where math.Exp dominated
// the training time.
func expNeg(x float64) float64 {
	if x < -708 {
		return 0
	}
	const inv, step = 64 / math.Ln2, math.Ln2 / 64
	n := int64(x*inv - 0.5)
	r := x - float64(n)*step
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
	return p * expTab[n&63] * math.Float64frombits(uint64((n>>6)+1023)<<52)
}
