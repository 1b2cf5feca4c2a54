package org.synapticgeometry.tracking;

/** The tracking server could not be reached, timed out or kept failing (5xx) after bounded retries. */
public final class TrackingUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the server and the operation. */
    public TrackingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
