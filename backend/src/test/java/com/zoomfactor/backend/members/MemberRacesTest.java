package com.zoomfactor.backend.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Membership changes racing each other, sent truly at once (two threads released by one barrier), many rounds: never
 * a 500, and never an agency without an owner.
 */
class MemberRacesTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final int ROUNDS = 15;

    private Http http;
    private Accounts accounts;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    /** Runs both calls at the same moment and returns their answers. */
    private List<HttpResponse<Buffer>> atOnce(Supplier<HttpResponse<Buffer>> first, Supplier<HttpResponse<Buffer>> second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<HttpResponse<Buffer>> a = threads.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return first.get();
        });
        Future<HttpResponse<Buffer>> b = threads.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return second.get();
        });
        return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
    }

    private HttpResponse<Buffer> patch(Session by, Session member, String role) {
        return http.call(HttpMethod.PATCH, "/api/members/" + member.userId(), by.accessToken(),
                new JsonObject().put("role", role));
    }

    private HttpResponse<Buffer> remove(Session by, Session member) {
        return http.call(HttpMethod.DELETE, "/api/members/" + member.userId(), by.accessToken(), null);
    }

    private long owners(Session any) {
        HttpResponse<Buffer> members = http.call(HttpMethod.GET, "/api/members", any.accessToken(), null);
        assertThat(members.statusCode()).as(members.bodyAsString()).isEqualTo(200);
        return members.bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(m -> "owner".equals(m.getString("role"))).count();
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwnerAndNeverA500() throws Exception {
        Session first = accounts.signUp("Rivals");
        Session second = accounts.invite(first, "owner", null);
        for (int round = 0; round < ROUNDS; round++) {
            List<HttpResponse<Buffer>> answers = atOnce(() -> patch(first, second, "admin"),
                    () -> patch(second, first, "admin"));
            for (HttpResponse<Buffer> answer : answers) {
                assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(200, 401, 403, 409);
            }
            assertThat(answers.stream().filter(a -> a.statusCode() == 200).count()).as("one demotion wins").isEqualTo(1);
            // whoever is still owner makes the other owner again for the next round
            Session winner = answers.get(0).statusCode() == 200 ? first : second;
            Session demoted = winner == first ? second : first;
            assertThat(owners(winner)).isEqualTo(1);
            assertThat(patch(winner, demoted, "owner").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwnerAndNeverA500() throws Exception {
        Session first = accounts.signUp("Duel");
        for (int round = 0; round < ROUNDS; round++) {
            Session second = accounts.invite(first, "owner", null);
            Session a = first;
            List<HttpResponse<Buffer>> answers = atOnce(() -> remove(a, second), () -> remove(second, a));
            for (HttpResponse<Buffer> answer : answers) {
                assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(204, 401, 403, 409);
            }
            assertThat(answers.stream().filter(x -> x.statusCode() == 204).count()).as("one removal wins").isEqualTo(1);
            Session survivor = answers.get(0).statusCode() == 204 ? first : second;
            assertThat(owners(survivor)).isEqualTo(1);
            first = survivor;
        }
    }

    @Test
    void changingAndRemovingTheSameMemberAtOnceNeverAnswers500() throws Exception {
        Session owner = accounts.signUp("Busy Team");
        Session admin = accounts.invite(owner, "admin", null);
        for (int round = 0; round < ROUNDS; round++) {
            Session member = accounts.invite(owner, "analyst", null);
            Session manager = admin;
            List<HttpResponse<Buffer>> answers = atOnce(() -> patch(manager, member, "viewer"),
                    () -> remove(owner, member));
            assertThat(answers.get(0).statusCode()).as(answers.get(0).bodyAsString()).isIn(200, 404);
            assertThat(answers.get(1).statusCode()).as(answers.get(1).bodyAsString()).isEqualTo(204);
            List<HttpResponse<Buffer>> twice = atOnce(() -> remove(owner, manager), () -> remove(owner, manager));
            assertThat(twice.stream().map(HttpResponse::statusCode).sorted().toList()).isEqualTo(List.of(204, 404));
            admin = accounts.invite(owner, "admin", null);
            assertThat(owners(owner)).isEqualTo(1);
        }
    }
}
