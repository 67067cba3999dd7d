package optim

import (
	"fmt"
	"math"
)

// Schedule maps the base learning rate and the epoch (0-based) to the learning rate.
type Schedule interface {
	LR(base float64, epoch int) float64
}

// Exponential multiplies the learning rate by Gamma every epoch and, if End > 0, stops at the
// first value ≤ End (PyTorch's ExponentialLR as driven by Pals et al. 2024).
type Exponential struct {
	Gamma float64
	End   float64
}

// LR implements Schedule.
func (s Exponential) LR(base float64, epoch int) float64 {
	lr := base
	for range epoch {
		if s.End > 0 && lr <= s.End {
			break
		}
		lr *= s.Gamma
	}
	return lr
}

// ExponentialTo returns the Exponential schedule that decays from lr0 to lrEnd in n epochs.
func ExponentialTo(lr0, lrEnd float64, n int) (Exponential, error) {
	if !(lr0 > 0) || !(lrEnd > 0) || math.IsInf(lr0, 0) || math.IsInf(lrEnd, 0) {
		return Exponential{}, fmt.Errorf("optim: ExponentialTo: learning rates %v and %v must be positive and finite", lr0, lrEnd)
	}
	if n < 1 {
		return Exponential{}, fmt.Errorf("optim: ExponentialTo: n = %d epochs, want ≥ 1", n)
	}
	return Exponential{Gamma: math.Pow(lrEnd/lr0, 1/float64(n)), End: lrEnd}, nil
}

// StepDecay multiplies the learning rate by Gamma every Every epochs.
type StepDecay struct {
	Every int
	Gamma float64
}

// LR implements Schedule.
func (s StepDecay) LR(base float64, epoch int) float64 {
	if s.Every <= 0 {
		return base
	}
	return base * math.Pow(s.Gamma, float64(epoch/s.Every))
}

func checkSchedule(s Schedule) error {
	switch s := s.(type) {
	case Exponential:
		if !(s.Gamma > 0) || math.IsInf(s.Gamma, 0) || s.End < 0 {
			return fmt.Errorf("optim: Exponential schedule: Gamma = %v must be positive and finite, End = %v ≥ 0", s.Gamma, s.End)
		}
	case StepDecay:
		if s.Every < 1 || !(s.Gamma > 0) || math.IsInf(s.Gamma, 0) {
			return fmt.Errorf("optim: StepDecay schedule: Every = %d must be ≥ 1 and Gamma = %v positive", s.Every, s.Gamma)
		}
	}
	return nil
}
