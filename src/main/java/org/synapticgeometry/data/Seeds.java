package org.synapticgeometry.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives named sub-seeds from one root seed, so that every random stream of a run (data subset,
 * initialisation, shuffling) is reproducible and independent of the order in which they are drawn.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * A 64-bit seed derived from {@code root} and the names, by SHA-256 of their text. The same
     * inputs give the same seed on every machine and Java version.
     */
    public static long derive(long root, String... names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(root).getBytes(StandardCharsets.UTF_8));
            for (String name : names) {
                sha.update((byte) 0);
                sha.update(name.getBytes(StandardCharsets.UTF_8));
            }
            byte[] h = sha.digest();
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (h[i] & 0xffL);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
