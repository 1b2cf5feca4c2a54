package org.synapticgeometry.optim;

/**
 * The scalars of one {@link MirrorDescent} update of one tensor.
 *
 * @param eta learning rate η
 * @param rescale factor on the gradient (DJL's rescale, 1 for none)
 * @param clip gradients clipped to ±clip when positive
 * @param decay weight decay λ
 * @param momentum μ, 0 for none
 * @param dampening τ; 0 on a tensor's first update, whose zeroed buffer then becomes exactly d
 * @param nesterov Nesterov momentum
 */
record StepCoefficients(float eta, float rescale, float clip, float decay, float momentum, float dampening,
        boolean nesterov) {
}
