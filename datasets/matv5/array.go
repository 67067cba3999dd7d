package matv5

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Class is a MATLAB array class.
type Class int

// MATLAB array classes (mxCLASS values).
const (
	Cell   Class = 1
	Struct Class = 2
	Object Class = 3
	Char   Class = 4
	Sparse Class = 5
	Double Class = 6
	Single Class = 7
	Int8   Class = 8
	Uint8  Class = 9
	Int16  Class = 10
	Uint16 Class = 11
	Int32  Class = 12
	Uint32 Class = 13
	Int64  Class = 14
	Uint64 Class = 15
)

var classNames = map[Class]string{Cell: "cell", Struct: "struct", Object: "object", Char: "char", Sparse: "sparse",
	Double: "double", Single: "single", Int8: "int8", Uint8: "uint8", Int16: "int16", Uint16: "uint16",
	Int32: "int32", Uint32: "uint32", Int64: "int64", Uint64: "uint64"}

func (c Class) String() string {
	if s, ok := classNames[c]; ok {
		return s
	}
	return fmt.Sprintf("class(%d)", int(c))
}

// IsNumeric reports whether the class holds numbers.
func (c Class) IsNumeric() bool { return c >= Double && c <= Uint64 }

// Array is one MATLAB array.
type Array struct {
	Name    string
	Class   Class
	Dims    []int
	Logical bool
	Complex bool
	// Real and Imag hold numeric and logical values as float64, column-major
	// (64-bit integers beyond 2⁵³ lose precision).
	Real, Imag []float64
	// Chars holds the characters of a char array, column-major.
	Chars []rune
	// Cells holds the elements of a cell array, column-major.
	Cells []*Array
	// Fields names the fields of a struct or object; Values[k][f] is field
	// Fields[f] of element k (column-major).
	Fields    []string
	Values    [][]*Array
	ClassName string // class of an object
}

// Len returns the number of elements, prod(Dims).
func (a *Array) Len() int {
	n := 1
	for _, d := range a.Dims {
		n *= d
	}
	return n
}

// IsEmpty reports whether the array has no elements.
func (a *Array) IsEmpty() bool { return a.Len() == 0 }

func (a *Array) describe() string {
	dims := make([]string, len(a.Dims))
	for i, d := range a.Dims {
		dims[i] = fmt.Sprint(d)
	}
	name := a.Name
	if name == "" {
		name = "(unnamed)"
	}
	return fmt.Sprintf("%s (%s %s)", name, strings.Join(dims, "×"), a.Class)
}

// Field returns a field of a 1×1 struct.
func (a *Array) Field(name string) (*Array, error) { return a.FieldAt(0, name) }

// FieldAt returns field name of struct element k (column-major).
func (a *Array) FieldAt(k int, name string) (*Array, error) {
	if a.Class != Struct && a.Class != Object {
		return nil, fmt.Errorf("matv5: %s is not a struct", a.describe())
	}
	if k < 0 || k >= len(a.Values) {
		return nil, fmt.Errorf("matv5: struct %s has no element %d", a.describe(), k)
	}
	for f, n := range a.Fields {
		if n == name {
			return a.Values[k][f], nil
		}
	}
	return nil, fmt.Errorf("matv5: struct %s has no field %q (fields: %s)", a.describe(), name, strings.Join(a.Fields, ", "))
}

// Cell returns element k (column-major) of a cell array.
func (a *Array) Cell(k int) (*Array, error) {
	if a.Class != Cell {
		return nil, fmt.Errorf("matv5: %s is not a cell array", a.describe())
	}
	if k < 0 || k >= len(a.Cells) {
		return nil, fmt.Errorf("matv5: cell %s has no element %d", a.describe(), k)
	}
	return a.Cells[k], nil
}

// String returns the text of a char array; rows of a multi-row array are
// joined with newlines and trailing blanks trimmed.
func (a *Array) String() (string, error) {
	if a.Class != Char {
		return "", fmt.Errorf("matv5: %s is not a char array", a.describe())
	}
	if len(a.Dims) != 2 || a.Dims[0] <= 1 {
		return string(a.Chars), nil
	}
	r, c := a.Dims[0], a.Dims[1]
	rows := make([]string, r)
	for i := range rows {
		row := make([]rune, c)
		for j := range row {
			row[j] = a.Chars[i+r*j]
		}
		rows[i] = strings.TrimRight(string(row), " ")
	}
	return strings.Join(rows, "\n"), nil
}

// Scalar returns the value of a one-element numeric or logical array.
func (a *Array) Scalar() (float64, error) {
	if a.Real == nil || len(a.Real) != 1 {
		return 0, fmt.Errorf("matv5: %s is not a numeric scalar", a.describe())
	}
	return a.Real[0], nil
}

// Vector returns the values of a numeric vector (1×n, n×1 or empty).
func (a *Array) Vector() ([]float64, error) {
	if a.Real == nil && !(a.Class.IsNumeric() && a.IsEmpty()) {
		return nil, fmt.Errorf("matv5: %s is not numeric", a.describe())
	}
	if len(a.Dims) != 2 || (a.Dims[0] > 1 && a.Dims[1] > 1) {
		return nil, fmt.Errorf("matv5: %s is not a vector", a.describe())
	}
	return append([]float64(nil), a.Real...), nil
}

// Dense returns a 2-D numeric or logical array as a matrix.
func (a *Array) Dense() (*mat.Dense, error) {
	if a.Real == nil || len(a.Dims) != 2 || a.IsEmpty() {
		return nil, fmt.Errorf("matv5: %s is not a non-empty 2-D numeric array", a.describe())
	}
	r, c := a.Dims[0], a.Dims[1]
	m := mat.NewDense(r, c, nil)
	for j := 0; j < c; j++ {
		for i := 0; i < r; i++ {
			m.Set(i, j, a.Real[i+r*j])
		}
	}
	return m, nil
}

// Pages splits a 3-D numeric array n₀×n₁×n₂ into n₂ matrices n₀×n₁ (the
// MATLAB pages A(:,:,k)).
func (a *Array) Pages() ([]*mat.Dense, error) {
	if a.Real == nil || len(a.Dims) != 3 || a.IsEmpty() {
		return nil, fmt.Errorf("matv5: %s is not a non-empty 3-D numeric array", a.describe())
	}
	r, c, p := a.Dims[0], a.Dims[1], a.Dims[2]
	out := make([]*mat.Dense, p)
	for k := range out {
		m := mat.NewDense(r, c, nil)
		for j := 0; j < c; j++ {
			for i := 0; i < r; i++ {
				m.Set(i, j, a.Real[i+r*(j+c*k)])
			}
		}
		out[k] = m
	}
	return out, nil
}
