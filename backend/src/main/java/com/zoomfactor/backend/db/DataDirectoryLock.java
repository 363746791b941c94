package com.zoomfactor.backend.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zoom Factor's claim on its data directory: an exclusive OS lock on {@value #FILE_NAME} in it, held while the
 * embedded database runs. The OS drops the lock when the process ends, however it ends (kill -9, the OOM killer),
 * so a crash never leaves a claim behind, and a second server on the same directory is refused at once. The file
 * holds the owner's pid, for the refusal's message only; the lock, not the file, is the claim (the file is never
 * deleted: deleting it would let two processes lock two different files of the same name).
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "zoom-factor.lock";

    /**
     * Directories this JVM holds. POSIX locks belong to the process, and closing any channel on the file drops all of
     * them, so a second attempt from this JVM must not even open the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory (creating it if needed), or throws {@link DataDirectoryInUseException} at once. */
    public static DataDirectoryLock acquire(Path directory) {
        Path real;
        try {
            real = Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        if (!HELD.add(real)) {
            throw new DataDirectoryInUseException(directory, Optional.of(ProcessHandle.current().pid()));
        }
        try {
            return lock(directory, real);
        } catch (RuntimeException e) {
            HELD.remove(real);
            throw e;
        }
    }

    private static DataDirectoryLock lock(Path directory, Path real) {
        Path file = real.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                Optional<Long> holder = holder(channel);
                channel.close();
                throw new DataDirectoryInUseException(directory, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(real, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the data directory " + directory + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    /** The pid the current holder wrote, if it has written it yet. */
    private static Optional<Long> holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
        HELD.remove(directory);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Another live Zoom Factor (or this one) runs on the directory. */
    public static final class DataDirectoryInUseException extends IllegalStateException {

        DataDirectoryInUseException(Path directory, Optional<Long> holder) {
            super("The data directory " + directory + " is in use by another Zoom Factor"
                    + holder.map(pid -> " (pid " + pid + ")").orElse("")
                    + ": stop that one first, or give this one another ZF_DATA_DIR");
        }
    }
}
