package datasets

import (
	"fmt"
	"slices"
	"strings"
)

// File is one file of a registered dataset.
type File struct {
	// Path is where the file sits inside a data directory (NEURODYN_DATA
	// entry or the cache), e.g. "eegmmidb/S001R03.edf".
	Path string
	// URL is the official download address; empty when the file has no
	// public single-file source (Dataset.Note says how to obtain it).
	URL    string
	Size   int64  // bytes
	SHA256 string // hex
}

// Dataset is a registered public dataset.
type Dataset struct {
	Name     string
	Title    string
	Source   string // landing page of the official source
	License  string
	Citation string
	Note     string
	Files    []File
}

// File returns the registered file with the given path.
func (d Dataset) File(path string) (File, error) {
	for _, f := range d.Files {
		if f.Path == path {
			return f, nil
		}
	}
	return File{}, fmt.Errorf("datasets: dataset %q has no file %q", d.Name, path)
}

// Catalog returns the registered datasets.
func Catalog() []Dataset {
	out := make([]Dataset, len(catalog))
	for i, d := range catalog {
		d.Files = slices.Clone(d.Files)
		out[i] = d
	}
	return out
}

// Lookup returns the named dataset.
func Lookup(name string) (Dataset, error) {
	names := make([]string, len(catalog))
	for i, d := range catalog {
		if d.Name == name {
			d.Files = slices.Clone(d.Files)
			return d, nil
		}
		names[i] = d.Name
	}
	return Dataset{}, fmt.Errorf("datasets: no dataset %q (registered: %s)", name, strings.Join(names, ", "))
}

const (
	physionetS001 = "https://physionet.org/files/eegmmidb/1.0.0/S001/"
	ghRaw         = "https://raw.githubusercontent.com/"
)

func eegmmidbFiles() []File {
	sums := []string{
		"4743b736131a7e147c150e8b37711029b6cda5e356c4b3e8261a03cdcaaf8b0c",
		"31a95e0a880e6c3d89960d9d62c144f24cc4e9f5d7e93c7f864ef61cd49e847e",
		"3427c8d01bff1380bc9ab9f27a35ece2af5dfadf3e291bbc05eb66e4dadbfe2e",
		"3d161f88e1c00632585287d2ce584c2bc0f08862438eb255ea8723e00fac693d",
		"8828f4b97931100af136cebf27838248b82f69cf359f7e6c3146a1970a8fb8d9",
		"5369364f2c4e81ca141679d6dd2ba6ece61c7eb53d7fae31241b308876e1b6b3",
		"6320a941815eb7a0bc632e32c07c88b6e2281a0e2f177e8f49e2d0a16231145c",
		"358fb5189220725141968ae285fbe9e3f36210b834ffba71d940af308e3aca68",
		"1b642457807be572c31e8bb56a936cbdb554507d66e25e242c9bd1b0c557c53c",
		"20de1c7746c2349d16bda5e9f1b0ac7b7ad1581102a2e30dd2ac422696f62fb1",
		"d5296b9232b0ad88b7022155cbcde618df44d4b0db046ce3bec54f8f8644207a",
		"2b281c9b687b4c4176e83251d74743721f2d6ebd76656a972a3b9c44d9d88cd5",
		"dde646236a13d846ca68ee71440f1fd38d818bc50a2f4804a29bcf0f773ad167",
		"2110c48e3106898e3dbca47e39b330637afd3d3b8bc2da3ba1e44f4ac1118137",
	}
	events := []string{
		"98cfbe863896ed90aa76ff95ad4151ed3b02157854cfa6a974121fc123c109c0",
		"98cfbe863896ed90aa76ff95ad4151ed3b02157854cfa6a974121fc123c109c0",
		"ba934fef5794a278b361c657b30c7a254a5c2d10754a37f484373d779d37bf66",
		"c81d77b099878d1d392e93aa7a18a46b936b690bad605aa84a652b2bd9cbff1d",
		"53f4af70d71eafab6e0d5fabc2c8e8b73a48b4f21df8be00e2543cc640c12549",
		"ea56fcb5af6dc22a09e6c52c6c50be06f5bf4722cba178188f67732c6ecd0395",
		"92b3e8a6b67a6846154b1244f9044558257134f17b25840c7f71206ad195584e",
		"ccd5cf82de626903ece23e339121ff7919b3c3788cf647b575cf08dbb0198ebd",
		"e438579df1a078f089a8a64cd82e2e11cb94abbd724605c4705658e9cc2458fd",
		"8162d74d19617d3dc613cc4d3505a1e143edecd3fb9c7901e255495cf94de0d1",
		"8162d74d19617d3dc613cc4d3505a1e143edecd3fb9c7901e255495cf94de0d1",
		"482ba145b4cf10d7d6dc91bf708cc14230ec2a86592562a3f6c187be5c9f3e9b",
		"1513629f6e8e700394421b828869afdbd4e2ccdf8bdbed2127f75a42b2db3ff4",
		"7e61f9359aba654d84b2ebabe218ba21c6b3f8c33a13e5b6c9c71df1e91cd112",
	}
	var fs []File
	for i, s := range sums {
		name := fmt.Sprintf("S001R%02d.edf", i+1)
		size, evSize := int64(2596896), int64(638) // 125 one-second records, 30 blocks
		if i < 2 {
			size, evSize = 1275936, 38 // baseline runs: 61 records, no blocks
		}
		fs = append(fs,
			File{Path: "eegmmidb/" + name, URL: physionetS001 + name, Size: size, SHA256: s},
			File{Path: "eegmmidb/" + name + ".event", URL: physionetS001 + name + ".event", Size: evSize, SHA256: events[i]})
	}
	fs = append(fs,
		File{Path: "eegmmidb/S001R01_first60s.edf", Size: 1255296, SHA256: "45c92dc34559126cde162d09bdbd1d01960e29dd55198398141b903b3c696a8b"},
		File{Path: "eegmmidb/S001R02_first60s.edf", Size: 1255296, SHA256: "97715ab70dcfdc10fe45495ef60bf98e8c11e22b215539d1a1c07e2609d674e6"})
	return fs
}

var catalog = []Dataset{
	{
		Name:    "eegmmidb-s001",
		Title:   "EEG Motor Movement/Imagery, subject S001 (64-channel EEG, 160 Hz, EDF+)",
		Source:  "https://physionet.org/content/eegmmidb/1.0.0/",
		License: "ODC-By 1.0",
		Citation: "Schalk G, McFarland DJ, Hinterberger T, Birbaumer N, Wolpaw JR. BCI2000: a general-purpose brain-computer interface (BCI) system. IEEE Trans Biomed Eng 51(6):1034-1043, 2004. " +
			"Goldberger AL et al. PhysioBank, PhysioToolkit, and PhysioNet. Circulation 101(23):e215-e220, 2000.",
		Note: "S001R01_first60s.edf and S001R02_first60s.edf are 60-s reconstructions of the official 61-s baseline runs " +
			"(see shared/data/SOURCES.md); they have no download source. The official S001R01.edf/S001R02.edf download from PhysioNet.",
		Files: eegmmidbFiles(),
	},
	{
		Name:     "eegmmidb-s001-smoothed",
		Title:    "Preprocessed S001R01 EEG used by Pals et al. 2024 (9640×64 float32, z-scored, smoothed)",
		Source:   "https://github.com/mackelab/smc_rnns",
		License:  "Apache-2.0 (repository); data ODC-By 1.0 (PhysioNet)",
		Citation: "Pals M, Sağtekin AE, Pei F, Gloeckler M, Macke JH. Inferring stochastic low-rank recurrent neural networks from neural data. NeurIPS 2024.",
		Files: []File{{Path: "eegmmidb_smc_rnns_preprocessed/EEG_data_smoothed.npy",
			URL:  ghRaw + "mackelab/smc_rnns/a3f0824ebfbaafd5f43f05e45dbda5c15621e089/data/eeg/EEG_data_smoothed.npy",
			Size: 2467968, SHA256: "7cc56e3b648ce492e1ac3d4284c46ccd1092e4abbc4c45f020b8c4a0b2a994bf"}},
	},
	{
		Name:     "nlb-mc-maze",
		Title:    "NLB MC_Maze: monkey Jenkins, M1/PMd Utah arrays, delayed reaching through mazes (NWB on DANDI)",
		Source:   "https://dandiarchive.org/dandiset/000128",
		License:  "CC-BY-4.0",
		Citation: "Churchland MM, Cunningham JP, Kaufman MT, et al. Neural population dynamics during reaching. Nature 487:51-56, 2012. Pei F, Ye J, Zoltowski D, et al. Neural Latents Benchmark '21. NeurIPS Datasets and Benchmarks 2021.",
		Note: "Catalogue entry only: the session is an NWB (HDF5) file, which this package does not read, and no checksum is registered. " +
			"Download it with the DANDI client (dandi download DANDI:000128). MCMazeTrials loads two single trials exported to CSV (dataset mc-maze-trials).",
	},
	{
		Name:     "nlb-mc-maze-small",
		Title:    "NLB MC_Maze_Small: 100-trial subset of MC_Maze (NWB on DANDI)",
		Source:   "https://dandiarchive.org/dandiset/000140",
		License:  "CC-BY-4.0",
		Citation: "Pei F, Ye J, Zoltowski D, et al. Neural Latents Benchmark '21. NeurIPS Datasets and Benchmarks 2021.",
		Note:     "Catalogue entry only (NWB/HDF5; download with dandi download DANDI:000140). A binned derivative is dataset nlb-mc-maze-small-fixture.",
	},
	{
		Name:     "nlb-mc-maze-small-fixture",
		Title:    "MC_Maze_Small held-out neurons, 80 evaluation trials in 20-ms bins (NPZ)",
		Source:   "https://github.com/mohamjad/neurodrift-lab",
		License:  "MIT (repository); data CC-BY-4.0 (DANDI 000140)",
		Citation: "Pei F, Ye J, Zoltowski D, et al. Neural Latents Benchmark '21. NeurIPS Datasets and Benchmarks 2021.",
		Files: []File{{Path: "nlb_mc_maze_small_fixture/nlb_mc_maze_small_20.npz",
			URL:  ghRaw + "mohamjad/neurodrift-lab/51637e3159c8b83500144aaef0a2ea6626f04ab4/data/fixtures/nlb_mc_maze_small_20.npz",
			Size: 15693, SHA256: "5991b8e128066630b282489fd6d4602c21240b3d9bec7500bb99c5ac51c3c068"}},
	},
	{
		Name:     "mc-maze-trials",
		Title:    "Two single trials of NLB MC_Maze at 1 ms: kinematics and 182 units (CSV)",
		Source:   "https://github.com/MaryamOstadsharif/HiSDE",
		License:  "MIT (repository); data CC-BY-4.0 (DANDI 000128)",
		Citation: "Churchland MM et al. Neural population dynamics during reaching. Nature 487:51-56, 2012. Pei F et al. Neural Latents Benchmark '21, 2021.",
		Files: []File{
			{Path: "mc_maze_trials/trial_748_data.csv", URL: ghRaw + "MaryamOstadsharif/HiSDE/a3fd0fd603cf023d35d3c79e9719b7a220b1b6d8/Dataset/trial_748_data.csv",
				Size: 1616869, SHA256: "2938aafde65215c3a6a2e167490bc9c01aca3417fa201cfa9fc709dfdac6adcb"},
			{Path: "mc_maze_trials/trial_1356_data.csv", URL: ghRaw + "MaryamOstadsharif/HiSDE/a3fd0fd603cf023d35d3c79e9719b7a220b1b6d8/Dataset/trial_1356_data.csv",
				Size: 1792144, SHA256: "63bf8002425c33a62e2235a558fef84329285b03791e6f9100abd6f82eb4b6c9"},
		},
	},
	{
		Name:     "golub2018-bci",
		Title:    "Golub et al. 2018 BCI learning example: monkey J, M1 Utah array, intuitive and perturbed mappings (MAT v5)",
		Source:   "https://github.com/mattgolub/bci_learning",
		License:  "BSD-3-Clause",
		Citation: "Golub MD, Sadtler PT, Oby ER, et al. Learning by neural reassociation. Nat Neurosci 21:607-616, 2018.",
		Files: []File{{Path: "golub2018_bci_m1/exampleData.mat",
			URL:  ghRaw + "mattgolub/bci_learning/3e6f00c959096189dd77df57ceb9eb540da83f76/exampleData.mat",
			Size: 252829, SHA256: "f28fab9442dd0564aab00597796785665f1c3d4b4437e3802c4c99c9696512b1"}},
	},
	{
		Name:     "tme-churchland2012",
		Title:    "Churchland et al. 2012 reaching data as preprocessed for TME (61 times × 50 neurons × 10 conditions, MAT v5)",
		Source:   "https://github.com/gamaleldin/TME",
		License:  "GPL-3.0 (repository)",
		Citation: "Churchland MM et al. Neural population dynamics during reaching. Nature 487:51-56, 2012. Elsayed GF, Cunningham JP. Structure in neural population recordings: an expected byproduct of simpler phenomena? Nat Neurosci 20:1310-1318, 2017.",
		Files: []File{{Path: "tme_churchland2012/exampleData.mat",
			URL:  ghRaw + "gamaleldin/TME/ad1adf835e72dbba012406b5a3af30701adc8993/data/exampleData.mat",
			Size: 232660, SHA256: "c9fc29793264c908ccc2430f780a763a0f4730064608789a98278ea364e267e1"}},
	},
	{
		Name:     "nelpy-linear-track",
		Title:    "Rat hippocampus, tetrodes, linear track: 31 units and LED position (nelpy example data)",
		Source:   "https://github.com/nelpy/example-data",
		License:  "MIT",
		Citation: "nelpy example data (Etienne Ackermann, Kemere lab), https://github.com/nelpy/example-data",
		Files: []File{
			{Path: "nelpy_hippocampus/linear-track_spikes.mat", URL: ghRaw + "nelpy/example-data/099548c0608ffaa92933c66346c0d96f05a18622/linear-track/spikes.mat",
				Size: 176567, SHA256: "615b05a9228a5eaea7f99d5fc5b11848a4d94fc154104612410c887875b65bc7"},
			{Path: "nelpy_hippocampus/linear-track_trajectory.videoPositionTracking", URL: ghRaw + "nelpy/example-data/099548c0608ffaa92933c66346c0d96f05a18622/linear-track/trajectory.videoPositionTracking",
				Size: 1427777, SHA256: "10a883302c50e26d5f659ac4ee08d8901f7881c71f6800cd56d999a620b31cb5"},
		},
	},
	{
		Name:     "nelpy-w-maze",
		Title:    "Rat hippocampus, tetrodes, W-maze: 25 units and LED position (nelpy example data)",
		Source:   "https://github.com/nelpy/example-data",
		License:  "MIT",
		Citation: "nelpy example data (Etienne Ackermann, Kemere lab), https://github.com/nelpy/example-data",
		Files: []File{
			{Path: "nelpy_hippocampus/w-maze_spikes.mat", URL: ghRaw + "nelpy/example-data/099548c0608ffaa92933c66346c0d96f05a18622/w-maze/spikes.mat",
				Size: 2806793, SHA256: "d07766c93444817c9678fb3ea332fe85286c49061a608a346b0d48f309e272a8"},
			{Path: "nelpy_hippocampus/w-maze_trajectory.videoPositionTracking", URL: ghRaw + "nelpy/example-data/099548c0608ffaa92933c66346c0d96f05a18622/w-maze/trajectory.videoPositionTracking",
				Size: 3144137, SHA256: "6a5a1311d90c256e7caa68969c325060764287d8f89fa6cc6bc30ccd32e80578"},
		},
	},
	{
		Name:     "flint2012-dkf",
		Title:    "Flint 2012 M1 centre-out reaching, run 1, PCA-reduced features and hand velocity (CSV)",
		Source:   "https://github.com/burkh4rt/DKF-implementations",
		License:  "MIT (repository); original data CRCNS DREAM",
		Citation: "Flint RD, Lindberg EW, Jordan LR, Miller LE, Slutzky MW. Accurate decoding of reaching movements from field potentials in the absence of spikes. J Neural Eng 9:046006, 2012. Burkhart MC, Brandman DM, Franco B, Hochberg LR, Harrison MT. The discriminative Kalman filter for Bayesian filtering with nonlinear and nongaussian observation models. Neural Comput 32(5):969-1017, 2020.",
		Files: []File{
			{Path: "flint2012_dkf/x.csv", URL: ghRaw + "burkh4rt/DKF-implementations/2f19111211277065dd2255833fad80bf824d8307/data/x.csv",
				Size: 576618, SHA256: "9bd0d05589750cbfdaaacb0f848b4ed73ff42e2cf1aa17671e49a22d9ce5006d"},
			{Path: "flint2012_dkf/z.csv", URL: ghRaw + "burkh4rt/DKF-implementations/2f19111211277065dd2255833fad80bf824d8307/data/z.csv",
				Size: 114990, SHA256: "dc93cd54f4188b731e4323307505a2004fcf7347c67561624af04f3a1ce4518f"},
		},
	},
	{
		Name:     "smc-rnns-teachers",
		Title:    "Teacher low-rank RNN weights of Pals et al. 2024 (NPZ)",
		Source:   "https://github.com/mackelab/smc_rnns/tree/a3f0824ebfbaafd5f43f05e45dbda5c15621e089/data/student_teacher",
		License:  "Apache-2.0",
		Citation: "Pals M, Sağtekin AE, Pei F, Gloeckler M, Macke JH. Inferring stochastic low-rank recurrent neural networks from neural data. NeurIPS 2024.",
		Note: "Converted from the repository's torch pickles (*_state_dict.pkl, *_params.pkl) to NPZ with the same values; " +
			"there is no single-file download. Copy them from the shared data directory (shared/data/smc_rnns_teachers).",
		Files: []File{
			{Path: "smc_rnns_teachers/teacher_osc_rnn.npz", Size: 3024, SHA256: "5e28abf06c7d042d6bee20703927cb812e8629cd03fef7d6c5d819beb90aa147"},
			{Path: "smc_rnns_teachers/teacher_osc_rnn_poisson.npz", Size: 3584, SHA256: "c5ac1ab1c978cfa81c78b98bfc80da1f38548c18b7ce6c191e41fd8412aa9c12"},
			{Path: "smc_rnns_teachers/teacher_rdm_rnn.npz", Size: 3664, SHA256: "b4de29908d005b8fc3c74bb59e93febb501144b5fd80af4404312066a6141bdb"},
			{Path: "smc_rnns_teachers/teacher_reach_rnn.npz", Size: 4628, SHA256: "3375c15e2bda00c96ab4080242d5f63a95902dd8dd26a74f37cebdde235eeace"},
			{Path: "smc_rnns_teachers/teacher_reach_rnn_128.npz", Size: 7076, SHA256: "84bfb9f10f505bbd0b0115f3ef8d89212dfae626b0584e3cf255ba33bbc01f30"},
		},
	},
}
