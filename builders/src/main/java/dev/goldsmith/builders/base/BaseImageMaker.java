package dev.goldsmith.builders.base;

import dev.goldsmith.builders.process.ProgramException;
import java.io.IOException;
import java.nio.file.Path;

/** Makes one base image: writes {@code vmlinuz}, {@code initrd.img} and {@code root.qcow2} into a directory. */
public interface BaseImageMaker {

    /**
     * Writes the base's three files into {@code into}, an empty directory the cache removes again if this
     * fails, and returns what the base is.
     *
     * @param key the content key the base will be cached under
     */
    BaseImageInfo make(String key, Path into) throws IOException, ProgramException;
}
