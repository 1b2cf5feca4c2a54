package org.synapticgeometry.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry names chosen by the zoo ({@code fc1}, {@code conv2},
 * ...) instead of their class names, so that layer names in checkpoints and snapshots are stable
 * and readable. DJL still prefixes each child with its position ({@code 01fc1}).
 */
final class NamedSequentialBlock extends SequentialBlock {

    /** Appends {@code block} under {@code name} and returns this block. */
    NamedSequentialBlock add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }
}
