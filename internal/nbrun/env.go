package nbrun

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// InstallHint is the command that installs everything the notebooks need.
const InstallHint = "run `make setup` (or scripts/setup) in the repository root"

// Env is a ready-to-use notebook toolchain.
type Env struct {
	Root    string   // repository root
	Jupyter string   // jupyter executable with nbconvert
	Vars    []string // process environment for jupyter (PATH with the Go tools, JUPYTER_DATA_DIR)
	Data    string   // NEURODYN_DATA as the kernels see it (absolute entries), empty when unset
}

// FindRoot walks up from dir to the directory holding neurodyn's go.mod.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/neurodyn/neurodyn\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("nbrun: not inside the neurodyn repository")
		}
		dir = parent
	}
}

// NewEnv finds Jupyter (NEURODYN_JUPYTER, Debian's /usr/bin/jupyter, then PATH), the Go tools
// (GoNB needs goimports on PATH) and the project-local GoNB kernelspec. The error says what is
// missing and how to install it.
func NewEnv(root string) (*Env, error) {
	gobin, err := goBin()
	if err != nil {
		return nil, err
	}
	path := gobin + string(os.PathListSeparator) + os.Getenv("PATH")
	dataDir := os.Getenv("JUPYTER_DATA_DIR")
	if dataDir == "" {
		dataDir = filepath.Join(root, ".jupyter")
	}
	data := absDataDirs(os.Getenv("NEURODYN_DATA"), root)
	vars := append(os.Environ(), "PATH="+path, "JUPYTER_DATA_DIR="+dataDir, "PYDEVD_DISABLE_FILE_VALIDATION=1")
	if data != "" {
		vars = append(vars, "NEURODYN_DATA="+data)
	}
	var jupyter string
	for _, c := range []string{os.Getenv("NEURODYN_JUPYTER"), "/usr/bin/jupyter", lookPath("jupyter", path)} {
		if c == "" {
			continue
		}
		cmd := exec.Command(c, "nbconvert", "--version")
		cmd.Env = vars
		if cmd.Run() == nil {
			jupyter = c
			break
		}
	}
	if jupyter == "" {
		return nil, fmt.Errorf("nbrun: no Jupyter with nbconvert found (tried $NEURODYN_JUPYTER, /usr/bin/jupyter, PATH); %s", InstallHint)
	}
	for _, tool := range []string{"gonb", "goimports"} {
		if _, err := os.Stat(filepath.Join(gobin, tool)); err != nil {
			return nil, fmt.Errorf("nbrun: %s is not installed in %s; %s", tool, gobin, InstallHint)
		}
	}
	if _, err := os.Stat(filepath.Join(dataDir, "kernels", "gonb", "kernel.json")); err != nil {
		return nil, fmt.Errorf("nbrun: the GoNB kernelspec is missing from %s; %s", dataDir, InstallHint)
	}
	return &Env{Root: root, Jupyter: jupyter, Vars: vars, Data: data}, nil
}

// absDataDirs makes every entry of a NEURODYN_DATA list absolute, taking relative entries
// relative to the repository root (the commands are run there, while the kernels run in
// notebooks/, where a relative path would point elsewhere).
func absDataDirs(list, root string) string {
	var out []string
	for _, d := range filepath.SplitList(list) {
		if d == "" {
			continue
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(root, d)
		}
		out = append(out, filepath.Clean(d))
	}
	return strings.Join(out, string(os.PathListSeparator))
}

func goBin() (string, error) {
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return "", fmt.Errorf("nbrun: go env: %w", err)
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) > 0 && strings.TrimSpace(lines[0]) != "" {
		return strings.TrimSpace(lines[0]), nil
	}
	if len(lines) < 2 {
		return "", errors.New("nbrun: cannot determine GOPATH")
	}
	return filepath.Join(strings.Split(strings.TrimSpace(lines[1]), string(os.PathListSeparator))[0], "bin"), nil
}

func lookPath(name, path string) string {
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
