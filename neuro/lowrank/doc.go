// Package lowrank holds low-rank recurrent neural networks: their continuous and latent forms,
// simulation, teacher training, and the exact fixed points of piecewise-linear ones.
//
// # Models
//
// Continuous form (teacher networks), N units, rank R:
//
//	τ dx/dt = −x + (1/N) M Nᵀ φ(x + b) + W_in u
//
// Latent form (Pals et al. 2024, "Inferring stochastic low-rank recurrent neural networks from
// neural data", NeurIPS; their Transition_LowRank), z ∈ R^R:
//
//	z_{t+1} = a z_t + V φ(U z_t + W v_t; h) + ε_t,   ε_t ~ N(0, Σ_z)
//
// An Euler step α = dt/τ of the continuous form is the latent form with U = M, V = α Nᵀ/N,
// a = 1 − α, h = −b and v the input low-pass filtered with the same decay (Continuous.Latent);
// Model.Orthonormal rewrites a model so that U has orthonormal columns (the SVD of U V).
//
// # Teacher training
//
// TrainTeacher fits a ReLU continuous-form network to a Task by backpropagation through time
// (neuro/autodiff, Adam from neuro/optim) on the masked mean squared error of the readout
// y_t = WOutᵀ φ(x_t + b), with the unit noise of the Euler–Maruyama step during training, as
// for the teachers of Pals et al.: an oscillation of a given period set in phase by an input
// pulse (OscillationTask), and the delayed-reach task with cue angles on a circle (ReachTask),
// whose memory period shapes a ring of fixed points.
//
// # Exact fixed points (Pals et al. 2024, Proposition 1 / Algorithm 1)
//
// With a piecewise-linear φ (ReLU, clipped ReLU, or any φ given by its breakpoints, see PWL) the
// latent map is affine on each region of the arrangement of the hinge hyperplanes
// {z : u_j·z = θ_j} in R^R: F(z) = J_D z + c_D with J_D = a I + Σ_{j∈D} w_j v_j u_jᵀ for the
// active set D. A region holds at most one fixed point, the solution of (J_D − I) z = −c_D,
// accepted only if its sign pattern is D. N hyperplanes cut R^R into at most
// Σ_{i≤R} C(N, i) = O(N^R) regions (Zaslavsky), against 2^N activation patterns.
//
// The regions are enumerated through the vertices of the arrangement (intersections of R
// hyperplanes), each vertex touching 2^R regions. Two refinements make this exact and
// memory-free:
//
//   - Deduplication by ownership. Among the 2^R regions at a vertex, exactly one has the vertex
//     as its lowest point along a fixed generic direction c (the orthant with the signs of μ in
//     c = Σ_{j∈S} μ_j u_j); the vertex emits only that one. Regions unbounded along −c are the
//     regions cut out of a hyperplane Π = {c·z = −M} below all vertices, an arrangement one
//     dimension lower, enumerated the same way. Every region is thus visited exactly once
//     without a set of patterns, and in general position the count is exactly
//     Σ_{i≤R} C(N, i) (one region per vertex at each level, plus one).
//   - Degeneracy by symbolic perturbation. Thresholds are perturbed as θ_j + ε^{j+1} with
//     ε → 0, which puts the arrangement in general position: a vertex shared by more than R
//     hyperplanes splits into simple ones, and ties are broken exactly by the lowest-index
//     non-zero coefficient of the perturbation. Near-singular R-subsets (parallel or coincident
//     hyperplanes) are skipped; zero normals give constant states; normals spanning fewer than
//     R dimensions are handled in their span. Extra candidate patterns created by the
//     perturbation can only yield true fixed points, since acceptance checks the unperturbed
//     sign pattern (with a relative tolerance for points on a hyperplane).
//
// Vertices are generated line by line: for each (R−1)-subset the crossings of all other
// hyperplanes along their common line are sorted, so the region map J_D, c_D is updated by
// one rank-one term per crossing. A region whose map has an eigenvalue 1 with a consistent
// solution set meeting the region (found by a linear program) is a continuum, e.g. a line
// attractor, reported as such. Stability follows from the eigenvalues of J_D.
//
// The approximate baseline (ApproxFixedPoints) follows the description of SCYFI (Eisenmann et
// al. 2023, NeurIPS): iterate "solve the region's system, move to the pattern of the solution"
// from random patterns until a budget of inverses is spent.
package lowrank
