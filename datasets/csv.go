package datasets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// ReadCSV reads comma-separated values into a DataFrame with typed columns:
// a column whose every cell is an integer is Int, one whose every cell is a
// number is Float, anything else String. Without a header the columns are
// named c0, c1, …. Ragged rows are an error naming the line.
func ReadCSV(r io.Reader, header bool) (dataframe.DataFrame, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	var names []string
	var cells [][]string // by column
	line := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("datasets: csv: %w", err)
		}
		if names == nil {
			names = make([]string, len(rec))
			cells = make([][]string, len(rec))
			if header {
				for j, n := range rec {
					names[j] = strings.TrimSpace(n)
				}
				continue
			}
			for j := range names {
				names[j] = fmt.Sprintf("c%d", j)
			}
		}
		for j, v := range rec {
			cells[j] = append(cells[j], strings.TrimSpace(v))
		}
	}
	if names == nil || len(cells[0]) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: csv has no data rows")
	}
	seen := map[string]bool{}
	cols := make([]series.Series, len(names))
	for j, col := range cells {
		if seen[names[j]] {
			return dataframe.DataFrame{}, fmt.Errorf("datasets: csv column name %q appears twice", names[j])
		}
		seen[names[j]] = true
		cols[j] = typedSeries(col, names[j])
	}
	df := dataframe.New(cols...)
	if df.Err != nil {
		return dataframe.DataFrame{}, fmt.Errorf("datasets: csv: %w", df.Err)
	}
	return df, nil
}

// ReadCSVFile reads the named CSV file (see ReadCSV).
func ReadCSVFile(name string, header bool) (dataframe.DataFrame, error) {
	f, err := os.Open(name)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	defer f.Close()
	df, err := ReadCSV(f, header)
	if err != nil {
		return df, fmt.Errorf("%s: %w", name, err)
	}
	return df, nil
}

func typedSeries(col []string, name string) series.Series {
	ints := make([]int, len(col))
	isInt := true
	for i, v := range col {
		n, err := strconv.Atoi(v)
		if err != nil {
			isInt = false
			break
		}
		ints[i] = n
	}
	if isInt {
		return series.New(ints, series.Int, name)
	}
	fl := make([]float64, len(col))
	for i, v := range col {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(f, 0) {
			return series.New(col, series.String, name)
		}
		fl[i] = f
	}
	return series.New(fl, series.Float, name)
}
