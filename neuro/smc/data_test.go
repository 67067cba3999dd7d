package smc

import (
	"context"
	"testing"

	"github.com/neurodyn/neurodyn/datasets"
	"github.com/neurodyn/neurodyn/internal/shareddata"
)

// sharedStore reads the shared real recordings through the datasets package.
func sharedStore(t testing.TB) *datasets.Store {
	t.Helper()
	return &datasets.Store{Dirs: []string{shareddata.Dir(t)}}
}

func loadTeacher(t testing.TB, name string, noiseZ, noiseX float64) *Model {
	t.Helper()
	w, err := sharedStore(t).SMCTeacher(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Teacher(w.M, w.N, w.BRec, w.Dt/w.Tau, 0.9, noiseZ, noiseX, 2)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
