package org.synapticgeometry.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.synapticgeometry.geometry.Potential;

/**
 * Mirror descent as a DJL {@link Optimizer}, as in the public code of Pogodin et al. (ICLR 2024,
 * Sec. 2 and App.), per parameter tensor w with gradient g and learning rate η_t from the tracker:
 *
 * <ol>
 *   <li>\( d = s\,g + \lambda w \) (s the DJL rescale factor, default 1; gradient clipping to
 *       ±clip when DJL's {@code optClipGrad} is set; λ the weight decay);
 *   <li>momentum on the <em>primal</em> gradient: first step \( b = d \), then
 *       \( b = \mu b + (1 - \tau) d \) (τ the dampening); \( d = d + \mu b \) with Nesterov, else
 *       \( d = b \);
 *   <li>mirror step \( w' = (\nabla\phi)^{-1}(\nabla\phi(w) - \eta_t d) \) through the
 *       potential's {@link MirrorMap}.
 * </ol>
 * With the 2-norm this is PyTorch's SGD with momentum exactly. All arithmetic on the weight and
 * the momentum buffer is in place; the weight's own gradient is zeroed in place after the step
 * (DJL hands {@code update} a copy of it and does not clear it). {@code grad} is not modified.
 *
 * <p>On the CPU, contiguous float32 tensors are updated by a {@link FusedStep}: the three steps
 * fused on the Java Vector API, reading each tensor from memory once, as fast as DJL's fused SGD
 * (docs/benchmarks.md). GPU tensors, other types, non-contiguous tensors, p-norms other than the
 * 2-, 3-, 1.5- and 2.5-norm, or a JVM without {@code jdk.incubator.vector} use the same rule as a
 * chain of libtorch ops (each potential's {@link MirrorMap}); both paths agree to float rounding
 * (tested against the rule in double precision).
 */
public final class MirrorDescent extends Optimizer {
    private final MirrorMap map;
    private final FusedStep fused;
    private final DirectViews views = new DirectViews();
    private final ParameterTracker learningRate;
    private final float momentum;
    private final float dampening;
    private final boolean nesterov;
    private final Map<String, Map<Device, NDArray>> momentumStates = new ConcurrentHashMap<>();

    private MirrorDescent(Builder builder) {
        super(builder);
        this.map = MirrorMap.of(builder.potential);
        this.fused = builder.fusedStep ? FusedStep.of(builder.potential) : null;
        this.learningRate = builder.learningRate;
        this.momentum = builder.momentum;
        this.dampening = builder.dampening;
        this.nesterov = builder.nesterov;
    }

    /** A builder; {@code setPotential} and {@code setLearningRateTracker} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The potential whose geometry the steps follow. */
    public Potential potential() {
        return map.potential();
    }

    /** Whether CPU float32 updates run as one fused pass (see {@link Builder#optFusedStep}). */
    public boolean isFused() {
        return fused != null;
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float eta = learningRate.getNewValue(parameterId, updateCount(parameterId));
        if (fused != null && views.usable(parameterId, weight, grad)) {
            fusedUpdate(parameterId, weight, grad, eta);
        } else {
            libtorchUpdate(parameterId, weight, grad, eta);
        }
        zeroGradient(weight);
    }

    private void fusedUpdate(String parameterId, NDArray weight, NDArray grad, float eta) {
        boolean first = !momentumStates.containsKey(parameterId);
        ByteBuffer buffer = momentum == 0f ? null : DirectViews.of(momentumBuffer(parameterId, weight));
        StepCoefficients c = new StepCoefficients(eta, rescaleGrad, clipGrad, getWeightDecay(), momentum,
                first ? 0f : dampening, nesterov);
        fused.update(DirectViews.of(weight), DirectViews.of(grad), buffer, c, JniUtils.getNumThreads());
    }

    private NDArray momentumBuffer(String parameterId, NDArray weight) {
        return withDefaultState(momentumStates, parameterId, weight.getDevice(), k -> weight.zerosLike());
    }

    private void libtorchUpdate(String parameterId, NDArray weight, NDArray grad, float eta) {
        NDArray d = direction(weight, grad);
        try {
            if (momentum == 0f) {
                map.step(weight, d, eta);
            } else {
                momentumStep(parameterId, weight, d, eta);
            }
        } finally {
            if (d != grad) {
                d.close();
            }
        }
    }

    /** d = rescale·clip(g) + λ·w: {@code grad} itself when nothing changes it, else a new array. */
    private NDArray direction(NDArray weight, NDArray grad) {
        NDArray d = grad;
        if (rescaleGrad != 1f) {
            d = grad.mul(rescaleGrad);
        }
        if (clipGrad > 0f) {
            NDArray clipped = d.clip(-clipGrad, clipGrad);
            if (d != grad) {
                d.close();
            }
            d = clipped;
        }
        float decay = getWeightDecay();
        if (decay != 0f) {
            try (NDArray decayTerm = weight.mul(decay)) {
                d = d == grad ? grad.add(decayTerm) : d.addi(decayTerm);
            }
        }
        return d;
    }

    /**
     * Updates the momentum buffer b with d (b = d on the first step, else b = μ·b + (1 − τ)·d) and
     * takes the mirror step along b, or along d + μ·b with Nesterov.
     */
    private void momentumStep(String parameterId, NDArray weight, NDArray d, float eta) {
        boolean first = !momentumStates.containsKey(parameterId);
        NDArray buffer = momentumBuffer(parameterId, weight);
        if (first) {
            buffer.addi(d);
        } else {
            buffer.muli(momentum);
            if (dampening == 0f) {
                buffer.addi(d);
            } else {
                try (NDArray damped = d.mul(1f - dampening)) {
                    buffer.addi(damped);
                }
            }
        }
        if (!nesterov) {
            map.step(weight, buffer, eta);
            return;
        }
        try (NDArray ahead = buffer.mul(momentum).addi(d)) {
            map.step(weight, ahead, eta);
        }
    }

    private static void zeroGradient(NDArray weight) {
        if (weight.hasGradient()) {
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }

    /** Builds a {@link MirrorDescent} in DJL's builder style. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Potential potential;
        private ParameterTracker learningRate;
        private float momentum;
        private float dampening;
        private boolean nesterov;
        private boolean fusedStep = true;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The potential φ (required). */
        public Builder setPotential(Potential potential) {
            this.potential = Objects.requireNonNull(potential, "potential");
            return this;
        }

        /** The learning rate per update, e.g. a {@link CosineSchedule} or {@code Tracker.fixed(η)} (required). */
        public Builder setLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = Objects.requireNonNull(tracker, "learning rate tracker");
            return this;
        }

        /** Momentum μ in [0, 1); default 0. */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Dampening τ in [0, 1]; default 0. */
        public Builder optDampening(float dampening) {
            this.dampening = dampening;
            return this;
        }

        /** Nesterov momentum; default false. */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Whether CPU float32 tensors are updated in one fused pass (default true, as long as the JVM
         * has {@code jdk.incubator.vector} and {@code -Dsgeo.fusedStep=false} is not set); false
         * forces the chain of libtorch ops that GPU tensors use.
         */
        public Builder optFusedStep(boolean fusedStep) {
            this.fusedStep = fusedStep;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @throws IllegalArgumentException if the potential or tracker is missing, μ ∉ [0, 1),
         *     τ ∉ [0, 1], or Nesterov is set without momentum or with dampening
         */
        public MirrorDescent build() {
            if (potential == null || learningRate == null) {
                throw new IllegalArgumentException("MirrorDescent needs setPotential(...) and setLearningRateTracker(...)");
            }
            if (!(momentum >= 0f && momentum < 1f)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
            }
            if (!(dampening >= 0f && dampening <= 1f)) {
                throw new IllegalArgumentException("dampening must be in [0, 1], found " + dampening);
            }
            if (nesterov && (momentum == 0f || dampening != 0f)) {
                throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening 0, found momentum "
                        + momentum + ", dampening " + dampening);
            }
            return new MirrorDescent(this);
        }
    }
}
