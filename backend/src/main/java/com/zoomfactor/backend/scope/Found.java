package com.zoomfactor.backend.scope;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.function.Function;

/** What a store answers for a read of one resource by its id: the row mapped, or the resource's 404. */
public final class Found {

    private Found() {
    }

    /** The first row mapped; a 404 saying {@code notFound} when there is none. */
    public static <T> T one(RowSet<Row> rows, String notFound, Function<Row, T> mapper) {
        if (rows.size() == 0) {
            throw ApiException.notFound(notFound);
        }
        return mapper.apply(rows.iterator().next());
    }
}
