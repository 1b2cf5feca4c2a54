package org.synapticgeometry.optim;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float lanes loaded from and stored to a tensor's memory on any JDK from 17 on. The Vector API of
 * Java 17 and 18 reads {@link ByteBuffer}s; Java 19 replaced those methods by ones on
 * {@code java.lang.foreign.MemorySegment}, which Java 17 does not have. So the memory of a step is
 * the buffer itself on Java 17 and 18, and the buffer's segment from 19 on, reached through method
 * handles: this compiles against Java 17, the jar is the same for every JDK, and C2 inlines a
 * constant method handle like a direct call. {@link #SEGMENTS} is a constant, so the JIT keeps
 * only one of the two paths.
 */
final class LaneMemory {
    /** Whether this JDK's Vector API reads memory segments (Java 19 and later) rather than byte buffers. */
    static final boolean SEGMENTS = Runtime.version().feature() >= 19;
    static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private LaneMemory() {
    }

    /** The memory to pass to {@link #load} and {@link #store}: the buffer, or its segment; null for null. */
    static Object of(ByteBuffer buffer) {
        if (buffer == null || !SEGMENTS) {
            return buffer;
        }
        try {
            return (Object) Segments.OF_BUFFER.invokeExact(buffer);
        } catch (Throwable e) {
            throw Segments.unexpected(e);
        }
    }

    /** The lanes at byte {@code offset} of memory from {@link #of}. */
    static FloatVector load(Object memory, long offset) {
        if (!SEGMENTS) {
            return FloatVector.fromByteBuffer(LANES, (ByteBuffer) memory, (int) offset, ORDER);
        }
        try {
            return (FloatVector) Segments.LOAD.invokeExact(LANES, memory, offset, ORDER);
        } catch (Throwable e) {
            throw Segments.unexpected(e);
        }
    }

    /** Stores {@code v} at byte {@code offset} of memory from {@link #of}. */
    static void store(FloatVector v, Object memory, long offset) {
        if (!SEGMENTS) {
            v.intoByteBuffer((ByteBuffer) memory, (int) offset, ORDER);
            return;
        }
        try {
            Segments.STORE.invokeExact(v, memory, offset, ORDER);
        } catch (Throwable e) {
            throw Segments.unexpected(e);
        }
    }

    /**
     * The method handles of the segment path, looked up when first used: on a JDK where they are
     * missing that fails with a {@link LinkageError} ({@link FusedStep.Linkage} then keeps the
     * libtorch path). The segment type is erased to Object in their types.
     */
    private static final class Segments {
        static final MethodHandle OF_BUFFER;
        static final MethodHandle LOAD;
        static final MethodHandle STORE;

        static {
            try {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                OF_BUFFER = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class))
                        .asType(MethodType.methodType(Object.class, ByteBuffer.class));
                LOAD = lookup.findStatic(FloatVector.class, "fromMemorySegment",
                        MethodType.methodType(FloatVector.class, VectorSpecies.class, segment, long.class, ByteOrder.class))
                        .asType(MethodType.methodType(FloatVector.class, VectorSpecies.class, Object.class, long.class,
                                ByteOrder.class));
                STORE = lookup.findVirtual(FloatVector.class, "intoMemorySegment",
                        MethodType.methodType(void.class, segment, long.class, ByteOrder.class))
                        .asType(MethodType.methodType(void.class, FloatVector.class, Object.class, long.class,
                                ByteOrder.class));
            } catch (ReflectiveOperationException e) {
                throw new NoSuchMethodError("the Vector API's memory-segment methods: " + e);
            }
        }

        private Segments() {
        }

        /** What to rethrow for what a method handle threw (its bounds and state checks throw unchecked exceptions). */
        static RuntimeException unexpected(Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            return e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
