package com.zoomfactor.backend.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportQueueTest {

    @Test
    void eightReportsAreMadeAtOnceAndAPlaceComesBackWhenOneIsDone() {
        ReportQueue queue = new ReportQueue();
        for (int i = 0; i < ReportQueue.MAX_IN_FLIGHT; i++) {
            assertThat(queue.tryStart()).isTrue();
        }
        assertThat(queue.tryStart()).as("the ninth").isFalse();
        assertThat(queue.tryStart()).as("a refusal takes no place").isFalse();
        queue.done();
        assertThat(queue.tryStart()).isTrue();
        assertThat(queue.tryStart()).isFalse();
    }
}
