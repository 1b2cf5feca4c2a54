package org.synapticgeometry.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** relu(main(x) + shortcut(x)): the basic block of a ResNet, with named children {@code main} and {@code shortcut}. */
final class ResidualBlock extends AbstractBlock {
    private final Block main;
    private final Block shortcut;

    ResidualBlock(Block main, Block shortcut) {
        this.main = addChildBlock("main", main);
        this.shortcut = addChildBlock("shortcut", shortcut);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList a = main.forward(store, inputs, training, params);
        NDList b = shortcut.forward(store, inputs, training, params);
        return new NDList(Activation.relu(a.singletonOrThrow().add(b.singletonOrThrow())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        shortcut.initialize(manager, dataType, inputShapes);
    }
}
