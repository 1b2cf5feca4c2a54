package org.synapticgeometry.model;

import ai.djl.nn.Block;
import java.util.function.Supplier;
import org.synapticgeometry.data.InputView;

/**
 * One entry of the zoo: a stable name, how it reads an image, and a factory of fresh (untrained)
 * DJL blocks for 28×28 grey images and 10 classes.
 *
 * @param name stable name used on the command line and in model.json ({@code mlp-256}, {@code rnn-100})
 * @param description one line for listings
 * @param view how a batch of images is shaped for this network
 * @param recurrentOnly true for the paper's RNN, where only the recurrent matrix is scored
 * @param factory builds a new, uninitialised block
 */
public record Architecture(String name, String description, InputView view, boolean recurrentOnly,
        Supplier<Block> factory) {

    /** A new, uninitialised block of this architecture. */
    public Block newBlock() {
        return factory.get();
    }
}
