package matv5_test

import (
	"fmt"

	"github.com/neurodyn/neurodyn/datasets/matv5"
)

func ExampleOpen() {
	f, err := matv5.Open("../testdata/matv5/all_classes_z.mat")
	if err != nil {
		panic(err)
	}
	st, _ := f.Var("st") // 1×2 struct array
	name, _ := st.FieldAt(1, "name")
	inner, _ := st.FieldAt(1, "inner")
	a, _ := inner.Field("a")
	s, _ := name.String()
	v, _ := a.Scalar()
	fmt.Println(st.Fields, s, v)
	cube, _ := f.Var("cube")
	pages, _ := cube.Pages()
	fmt.Println(cube.Dims, len(pages))
	// Output:
	// [name inner] second 8
	// [2 3 4] 4
}
