// Package npy reads NumPy .npy arrays and .npz archives into gonum matrices
// and gota DataFrames. The element decoding is done by
// github.com/sbinet/npyio; this package validates the header first (so that
// corrupt files give errors naming the offset instead of panics or huge
// allocations), restores C order from Fortran-ordered files and converts
// every numeric type to float64.
//
// An .npy file is the magic "\x93NUMPY", a version (1.0, 2.0 or 3.0), a
// header length (uint16 for 1.0, uint32 otherwise), an ASCII Python dict
//
//	{'descr': '<f4', 'fortran_order': False, 'shape': (9640, 64), }
//
// and then prod(shape) elements. For shape (n₀, n₁, …, n_{k−1}) the element
// (i₀, …, i_{k−1}) sits at flat position Σ_j i_j·s_j with strides
// s_j = Π_{l>j} n_l in C order and s_j = Π_{l<j} n_l in Fortran order.
// An .npz file is a zip archive of .npy files, one per array name.
package npy
