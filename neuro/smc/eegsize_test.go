package smc

const eegN, eegEpochs = 128, 40
