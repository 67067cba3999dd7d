// Package crossval holds the small pieces every cross-validated model choice in neurodyn shares:
// k-fold splits of trials or samples and the one-standard-error rule.
//
// One-standard-error rule (Hastie, Tibshirani & Friedman, The Elements of Statistical Learning,
// §7.10): given candidate models ordered from simplest to most complex, with mean held-out score
// s_k and standard error of the mean SEM_k over folds (higher score is better), let k* be the
// best-scoring candidate. The rule picks the simplest candidate k with s_k >= s_{k*} - SEM_{k*}.
// It trades a negligible loss in held-out accuracy for a smaller, more interpretable model; it is
// the rule used for communication-subspace rank (Semedo et al. 2019) and CroP-LDM's latent
// dimension.
package crossval
