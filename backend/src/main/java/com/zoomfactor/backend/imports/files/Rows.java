package com.zoomfactor.backend.imports.files;

import java.io.Closeable;
import java.util.Iterator;

/** The rows of a sheet, read as they are asked for (a 100 MB file is never held whole); close when done. */
public interface Rows extends Iterator<Row>, Closeable {

    @Override
    void close();
}
