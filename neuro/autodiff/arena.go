package autodiff

// arena hands out float64 buffers from a few large blocks. reset makes all of them available
// again and, if the last recording needed more than one block, replaces them by a single block
// sized to what that recording used, so a repeated recording settles on one block and stops
// allocating.
type arena struct {
	blocks [][]float64
	bi     int // current block
	off    int // next free index in the current block
	used   int // values handed out since the last reset
}

const minBlock = 1 << 15

// alloc returns an uninitialised slice of length n (capacity n).
func (a *arena) alloc(n int) []float64 {
	a.used += n
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
	if a.bi > 0 {
		a.blocks = [][]float64{make([]float64, a.used+a.used/8)}
	}
	a.bi, a.off, a.used = 0, 0, 0
}
