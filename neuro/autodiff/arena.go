package autodiff

// arena hands out float64 buffers from a few large blocks. reset makes all of them available
// again and merges the blocks into one, so a repeated recording settles on a single block.
type arena struct {
	blocks [][]float64
	bi     int // current block
	off    int // next free index in the current block
}

const minBlock = 1 << 15

// alloc returns an uninitialised slice of length n (capacity n).
func (a *arena) alloc(n int) []float64 {
	for a.bi < len(a.blocks) {
		b := a.blocks[a.bi]
		if a.off+n <= len(b) {
			s := b[a.off : a.off+n : a.off+n]
			a.off += n
			return s
		}
		a.bi++
		a.off = 0
	}
	size := max(n, minBlock)
	if k := len(a.blocks); k > 0 {
		size = max(size, 2*len(a.blocks[k-1]))
	}
	a.blocks = append(a.blocks, make([]float64, size))
	a.bi = len(a.blocks) - 1
	a.off = n
	return a.blocks[a.bi][:n:n]
}

func (a *arena) reset() {
	if len(a.blocks) > 1 {
		total := 0
		for _, b := range a.blocks {
			total += len(b)
		}
		a.blocks = [][]float64{make([]float64, total)}
	}
	a.bi, a.off = 0, 0
}
