package org.imageharvester.thumbnail;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** Binds a class's native methods to a library of the system (libjpeg-turbo, libwebp, libheif) through JNA. */
final class SystemLibrary {

    private SystemLibrary() {
    }

    /**
     * Registers {@code type}'s native methods with the first of the library's names that loads (its name for JNA, its
     * Linux file, its macOS file); returns null, or why none did.
     */
    static String register(Class<?> type, String... names) {
        UnsatisfiedLinkError failure = null;
        for (String name : names) {
            try {
                Native.register(type, NativeLibrary.getInstance(name));
                return null;
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
        }
        return failure.getMessage();
    }
}
