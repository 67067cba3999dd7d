package npy_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/npy"
	"gonum.org/v1/gonum/mat"
)

func ExampleReadFile() {
	a, err := npy.ReadFile("../testdata/npy/f_f8.npy") // Fortran-ordered 3×4
	if err != nil {
		panic(err)
	}
	m, _ := a.Dense()
	fmt.Println(a.Dtype, a.Shape, a.Fortran)
	fmt.Println(mat.Formatted(m))
	// Output:
	// <f8 [3 4] true
	// ⎡ 0   1   2   3⎤
	// ⎢ 4   5   6   7⎥
	// ⎣ 8   9  10  11⎦
}

func ExampleReadNPZFile() {
	z, err := npy.ReadNPZFile("../testdata/npy/mixed.npz")
	if err != nil {
		panic(err)
	}
	rate, _ := z.Arrays["rate"].Scalar()
	name, _ := z.Arrays["name"].String()
	fmt.Println(z.Keys, rate, name)
	// Output:
	// [counts rate name] 50 trial
}
