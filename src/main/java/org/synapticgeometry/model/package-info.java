/**
 * Networks: the architecture zoo ({@link org.synapticgeometry.model.Zoo}) built from DJL blocks with
 * stable layer names, TorchScript import with trainable parameters, the rule that selects scored
 * weights ({@link org.synapticgeometry.model.Layers}), and checkpoints of ours
 * ({@link org.synapticgeometry.model.Checkpoint}: weights + {@code model.json}, versioned and hashed).
 * Training loops live in {@code stage}; optimizers in {@code optim}.
 */
package org.synapticgeometry.model;
