package org.synapticgeometry.model;

import ai.djl.pytorch.jni.JniUtils;

/** Run by {@link DevicesTest} in a fresh JVM: checks a device (libtorch loads in the background), waits, prints this thread's libtorch settings. */
final class DevicesProbe {
    private DevicesProbe() {
    }

    public static void main(String[] args) {
        Devices.check("cpu");
        Devices.parse("cpu");
        System.out.println("threads " + JniUtils.getNumThreads() + ", grad mode " + JniUtils.isGradMode());
    }
}
