package multiarea

import "fmt"

// Region names a group of units (columns of the data).
type Region struct {
	Name  string
	Units []int
}

// checkRegions verifies that regions are non-empty, in range [0, n) and disjoint.
func checkRegions(regions []Region, n int) error {
	if len(regions) == 0 {
		return fmt.Errorf("multiarea: regions is empty")
	}
	owner := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	for r, reg := range regions {
		if len(reg.Units) == 0 {
			return fmt.Errorf("multiarea: region %d (%q) has no units", r, reg.Name)
		}
		for _, u := range reg.Units {
			if u < 0 || u >= n {
				return fmt.Errorf("multiarea: region %d (%q) unit %d out of range [0, %d)", r, reg.Name, u, n)
			}
			if owner[u] >= 0 {
				return fmt.Errorf("multiarea: unit %d is in region %d and region %d", u, owner[u], r)
			}
			owner[u] = r
		}
	}
	return nil
}

// span returns units start..end-1.
func span(start, end int) []int {
	u := make([]int, end-start)
	for i := range u {
		u[i] = start + i
	}
	return u
}
