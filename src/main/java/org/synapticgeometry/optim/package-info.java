/**
 * Mirror descent on DJL: the vectorised ({@code NDArray}) form of each {@code geometry} potential
 * ({@link org.synapticgeometry.optim.MirrorMap}), the {@link org.synapticgeometry.optim.MirrorDescent}
 * optimizer (weight decay, momentum on the primal gradient, mirror step), the per-epoch
 * {@link org.synapticgeometry.optim.CosineSchedule}, and the learning-rate search every stage reuses
 * ({@link org.synapticgeometry.optim.LearningRateSearch}). Scalar reference math stays in
 * {@code geometry}; statistics of weight changes belong to {@code stats}.
 */
package org.synapticgeometry.optim;
