package org.synapticgeometry.optim;

/**
 * The scalars of one {@link MirrorDescent} update of one tensor.
 *
 * @param eta learning rate η
 * @param rescale factor on the gradient (DJL's rescale, 1 for none)
 * @param clip gradients clipped to ±clip when positive
 * @param decay weight decay λ
 * @param momentum μ, 0 for none
 * @param dampening τ
 * @param nesterov Nesterov momentum
 * @param first the first update of this tensor: the momentum buffer becomes the direction itself
 */
record StepCoefficients(float eta, float rescale, float clip, float decay, float momentum, float dampening,
        boolean nesterov, boolean first) {
}
