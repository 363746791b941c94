package com.zoomfactor.domain.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LiveKindTest {

    @Test
    void everyKindIsFoundByItsWireNameAndNothingElseIs() {
        for (LiveKind kind : LiveKind.values()) {
            assertThat(LiveKind.fromWire(kind.wire())).contains(kind);
            assertThat(kind.toString()).isEqualTo(kind.wire());
        }
        assertThat(LiveKind.fromWire("Score")).isEmpty();
        assertThat(LiveKind.fromWire(null)).isEmpty();
        assertThat(LiveKind.fromWire("")).isEmpty();
    }

    @Test
    void wireNamesAreDistinctSnakeCaseAndFitTheStoredColumn() {
        assertThat(Arrays.stream(LiveKind.values()).map(LiveKind::wire)).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z]+(_[a-z]+)*") && name.length() <= 40);
    }
}
