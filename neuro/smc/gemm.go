package smc

import (
	"runtime"
	"sync"

	"github.com/neurodyn/neurodyn/neuro/internal/microkernel"
)

// strided is a matrix view: element (i, j) is d[i·rs + j·cs] (row-major: cs = 1; its
// transpose: rs = 1).
type strided struct {
	d      []float64
	rs, cs int
}

// gemmKB is the inner-dimension block of gemmAdd (a packed 6-row panel of A plus the packed B
// block stay in cache).
const gemmKB = 256

// gemmAdd adds A·B to the m×n matrix C, with A m×k, B k×n and C given as strided views. It packs B into 8-column panels and A into 6-row panels per
// inner-dimension block and runs the shared 6×8 micro-kernel on each tile; the row panels are split
// into contiguous ranges over at most GOMAXPROCS goroutines (each tile has one writer, so the
// result does not depend on the number of goroutines). Packing buffers come from ws (nil:
// fresh ones).
func gemmAdd(m, n, k int, a, b, c strided, ws *scratch) {
	np := (n + 7) / 8
	mp := (m + 5) / 6
	w := min(runtime.GOMAXPROCS(0), mp)
	bp := ws.get(np * 8 * min(k, gemmKB))
	aps := make([][]float64, w)
	for i := range aps {
		aps[i] = ws.get(6 * min(k, gemmKB))
	}
	for k0 := 0; k0 < k; k0 += gemmKB {
		kb := min(gemmKB, k-k0)
		for p := range np {
			j0 := 8 * p
			dst := bp[p*8*kb : (p+1)*8*kb]
			if b.cs == 1 && j0+8 <= n {
				for u := range kb {
					o := (k0+u)*b.rs + j0
					copy(dst[8*u:8*u+8], b.d[o:o+8])
				}
				continue
			}
			for u := range kb {
				src := b.d[(k0+u)*b.rs:]
				out := dst[8*u : 8*u+8]
				for jj := range out {
					if j := j0 + jj; j < n {
						out[jj] = src[j*b.cs]
					} else {
						out[jj] = 0
					}
				}
			}
		}
		work := func(ap []float64, lo, hi int) {
			var acc [48]float64
			for ip := lo; ip < hi; ip++ {
				i0 := 6 * ip
				if i0+6 <= m {
					for u := range kb {
						src := a.d[i0*a.rs+(k0+u)*a.cs:]
						dst := ap[6*u : 6*u+6]
						for r := range dst {
							dst[r] = src[r*a.rs]
						}
					}
				} else {
					for u := range kb {
						col := (k0 + u) * a.cs
						for r := range 6 {
							if i := i0 + r; i < m {
								ap[6*u+r] = a.d[i*a.rs+col]
							} else {
								ap[6*u+r] = 0
							}
						}
					}
				}
				for p := range np {
					acc = [48]float64{}
					microkernel.Gemm6x8(ap, 6, bp[p*8*kb:], 8, kb, &acc)
					j0 := 8 * p
					for r := range min(6, m-i0) {
						row := (i0 + r) * c.rs
						for j := range min(8, n-j0) {
							c.d[row+(j0+j)*c.cs] += acc[8*r+j]
						}
					}
				}
			}
		}
		if w == 1 {
			work(aps[0], 0, mp)
			continue
		}
		var wg sync.WaitGroup
		for g := range w {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work(aps[g], g*mp/w, (g+1)*mp/w)
			}()
		}
		wg.Wait()
	}
}
