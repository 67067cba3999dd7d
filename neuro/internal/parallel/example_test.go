package parallel_test

import (
	"context"
	"fmt"

	"github.com/neurodyn/neurodyn/neuro/internal/parallel"
)

func ExampleFor() {
	squares := make([]int, 5)
	err := parallel.For(context.Background(), len(squares), 0, func(i int) error {
		squares[i] = i * i // each call writes only its own slot
		return nil
	}, func(done, i int, err error) {
		if done == len(squares) {
			fmt.Println("all", done, "done")
		}
	})
	fmt.Println(squares, err)
	// Output:
	// all 5 done
	// [0 1 4 9 16] <nil>
}
