package org.synapticgeometry.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names the parameters of a network and selects the scored ones: a weight (name ending in
 * {@code weight}) with at least two dimensions, i.e. conv kernels and linear matrices; biases,
 * batch-norm scales and shifts and running statistics never are. For the paper's RNN only the
 * recurrent (hidden-to-hidden) matrix is scored. The same rule serves the zoo and TorchScript models.
 */
public final class Layers {
    private Layers() {
    }

    /** All parameters of an initialised block, in DJL's order, with names and the scored flag. */
    public static List<NamedParameter> of(Block block, boolean recurrentOnly) {
        List<NamedParameter> out = new ArrayList<>();
        walk(block, "", recurrentOnly, out);
        return List.copyOf(out);
    }

    /** Only the scored parameters of {@link #of(Block, boolean)}. */
    public static List<NamedParameter> scored(Block block, boolean recurrentOnly) {
        return of(block, recurrentOnly).stream().filter(NamedParameter::scored).toList();
    }

    /** D: the number of scored weights. */
    public static long scoredCount(List<NamedParameter> params) {
        return params.stream().filter(NamedParameter::scored).mapToLong(NamedParameter::size).sum();
    }

    private static void walk(Block block, String prefix, boolean recurrentOnly, List<NamedParameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            Parameter param = p.getValue();
            String local = p.getKey();
            out.add(new NamedParameter(join(prefix, displayName(local)), param,
                    isScored(local, param.getArray().getShape().dimension(), recurrentOnly)));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), join(prefix, stripPosition(child.getKey())), recurrentOnly, out);
        }
    }

    /** Whether the parameter of DJL's local name {@code name} with {@code dimensions} dimensions is scored. */
    static boolean isScored(String name, int dimensions, boolean recurrentOnly) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean matrix = n.endsWith("weight") && dimensions >= 2;
        boolean recurrent = n.contains("h2h") || n.contains("weight_hh");
        return matrix && (!recurrentOnly || recurrent);
    }

    /** {@code weight} → "", {@code conv1.weight} → {@code conv1}, {@code l_0_h2h_WEIGHT} → {@code l_0_h2h}. */
    static String displayName(String local) {
        if (local.equals("weight")) {
            return "";
        }
        for (String suffix : List.of(".weight", "_weight")) {
            if (local.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return local.substring(0, local.length() - suffix.length());
            }
        }
        return local;
    }

    /** DJL prefixes each child with its two-digit position ({@code 01fc1}); the zoo's names are unique without it. */
    private static String stripPosition(String childName) {
        return childName.matches("\\d{2}.+") ? childName.substring(2) : childName;
    }

    private static String join(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? prefix : prefix + "." + name;
    }
}
