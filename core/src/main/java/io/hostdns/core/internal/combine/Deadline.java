package io.hostdns.core.internal.combine;

import java.time.Duration;

/**
 * The overall deadline of the resolution in progress, carried in the Reactor {@code Context} from
 * {@link DeadlineResolver} down to each {@link AttemptTimeoutResolver}, so that no attempt outlives it.
 *
 * @param expiresAtMillis when it runs out, on the scheduler's clock in milliseconds
 * @param budget          the whole budget it was created with
 */
record Deadline(long expiresAtMillis, Duration budget) {

    /** The Context key; a private object, so no one else can collide with it. */
    static final Object KEY = new Object();
}
