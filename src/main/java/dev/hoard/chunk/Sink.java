package dev.hoard.chunk;

import java.io.IOException;

/**
 * Where the pieces land: positional writes into one file. A failure here is local (the disk is full, the folder
 * went away): never retried, it fails the transfer with the sink's own exception.
 */
@FunctionalInterface
public interface Sink {
  void write(byte[] bytes, int length, long position) throws IOException;
}
