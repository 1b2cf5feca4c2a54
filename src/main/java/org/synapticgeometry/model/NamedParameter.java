package org.synapticgeometry.model;

import ai.djl.nn.Parameter;

/**
 * A parameter of a network with its stable layer-qualified name ({@code fc1}, {@code block2.main.conv1},
 * {@code rnn.l_0_h2h}, or PyTorch's {@code conv1} for a TorchScript model; the suffix {@code weight}
 * is dropped) and whether it is scored.
 *
 * @param name stable name
 * @param parameter the DJL parameter (its array is live: it changes when the network trains)
 * @param scored true for conv and linear weight matrices (the recurrent matrix only, for the paper's RNN)
 */
public record NamedParameter(String name, Parameter parameter, boolean scored) {

    /** Number of values of the parameter. */
    public long size() {
        return parameter.getArray().size();
    }
}
