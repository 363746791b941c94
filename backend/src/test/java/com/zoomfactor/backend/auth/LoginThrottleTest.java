package com.zoomfactor.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void failTimes(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, address);
            now.addAndGet(1_000);
        }
    }

    @Test
    void fourFailuresAreForgivenTheFifthBlocksTheAccount() {
        failTimes("owner@agency.example", "10.0.0.1", 4);
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).isEmpty();
        failTimes("owner@agency.example", "10.0.0.1", 1);
        assertThat(throttle.blockedFor("OWNER@agency.example", "10.0.0.2")).as("whatever the case or address").isPresent();
        assertThat(throttle.blockedFor("someone@else.example", "10.0.0.2")).isEmpty();
    }

    @Test
    void aBlockEndsByItselfWhenTheOldestFailureLeavesTheWindow() {
        failTimes("owner@agency.example", "10.0.0.1", 5);
        Duration wait = throttle.blockedFor("owner@agency.example", "10.0.0.1").orElseThrow();
        // the first failure was 5 s ago: the block lasts the rest of the 15-minute window
        assertThat(wait).isEqualTo(LoginThrottle.WINDOW.minusSeconds(5));
        now.addAndGet(wait.toMillis());
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsCount() {
        failTimes("owner@agency.example", "10.0.0.1", 4);
        throttle.succeeded("owner@agency.example", "10.0.0.1");
        failTimes("owner@agency.example", "10.0.0.1", 4);
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).isEmpty();
    }

    @Test
    void attemptsCountBeforeTheirPasswordIsCheckedSoParallelGuessesAreLimitedToo() {
        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES; i++) {
            assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).isEmpty();
            throttle.attempted("owner@agency.example", "10.0.0.1");
        }
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).as("none of them answered yet").isPresent();
    }

    @Test
    void aSuccessfulAttemptIsTakenBackFromTheAddressCount() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            throttle.attempted("person" + i + "@example.com", "10.0.0.9");
            throttle.succeeded("person" + i + "@example.com", "10.0.0.9");
        }
        assertThat(throttle.blockedFor("next@example.com", "10.0.0.9")).isEmpty();
    }

    @Test
    void oneAddressGuessingManyAccountsIsBlockedAfterTwentyFailures() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            throttle.failed("victim" + i + "@example.com", "203.0.113.9");
        }
        assertThat(throttle.blockedFor("fresh@example.com", "203.0.113.9")).isPresent();
        assertThat(throttle.blockedFor("fresh@example.com", "198.51.100.1")).isEmpty();
    }

    @Test
    void anAttemptTheDatabaseCouldNotAnswerCountsForNothing() {
        failTimes("owner@agency.example", "10.0.0.1", 3);
        for (int i = 0; i < 10; i++) {
            throttle.attempted("owner@agency.example", "10.0.0.1");
            throttle.undecided("owner@agency.example", "10.0.0.1");
        }
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).isEmpty();
        failTimes("owner@agency.example", "10.0.0.1", 2);
        assertThat(throttle.blockedFor("owner@agency.example", "10.0.0.1")).as("the earlier failures still count")
                .isPresent();
    }

    @Test
    void signUpsAreCountedPerAddressApartFromSignIns() {
        for (int i = 0; i < LoginThrottle.ADDRESS_SIGNUPS; i++) {
            assertThat(throttle.signupBlockedFor("10.0.0.7")).isEmpty();
            throttle.signupAttempted("10.0.0.7");
            now.addAndGet(1_000);
        }
        Duration wait = throttle.signupBlockedFor("10.0.0.7").orElseThrow();
        assertThat(wait).isEqualTo(LoginThrottle.WINDOW.minusSeconds(LoginThrottle.ADDRESS_SIGNUPS));
        assertThat(throttle.signupBlockedFor("10.0.0.8")).as("another address").isEmpty();
        assertThat(throttle.blockedFor("someone@agency.example", "10.0.0.7")).as("signing in is another count").isEmpty();
        now.addAndGet(wait.toMillis());
        assertThat(throttle.signupBlockedFor("10.0.0.7")).as("the oldest left the window").isEmpty();
    }
}
