package org.imageharvester.values;

/**
 * A moment by which something must be done (a link's attempts, a whole run), with the reason given when it is not: a
 * run's deadline travels with its exchanges and caps each link's.
 *
 * @param at the moment, in {@link System#currentTimeMillis()} time
 * @param reason why work is refused or broken off once the moment has passed
 */
public record Deadline(long at, String reason) {

    /** A deadline so many milliseconds from now. */
    public static Deadline in(long millis, String reason) {
        long now = System.currentTimeMillis();
        return new Deadline(millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis, reason);
    }

    /** True once the moment has passed. */
    public boolean passed() {
        return System.currentTimeMillis() > at;
    }

    /** Milliseconds left, 0 once passed. */
    public long left() {
        return Math.max(0, at - System.currentTimeMillis());
    }

    /** This deadline or the other, whichever comes first; null counts as never. */
    public Deadline orEarlier(Deadline other) {
        return other != null && other.at < at ? other : this;
    }
}
