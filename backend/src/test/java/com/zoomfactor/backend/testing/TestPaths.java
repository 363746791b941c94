package com.zoomfactor.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests write files: the module's {@code target/} under Maven, the temp folder elsewhere. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path workDir() {
        String configured = System.getProperty("zf.test.workDir");
        Path dir = configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(workDir(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
