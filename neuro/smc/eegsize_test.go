package smc

// Size of the opt-in EEG fit (TestEEGRank3).
const eegN, eegEpochs = 128, 30
