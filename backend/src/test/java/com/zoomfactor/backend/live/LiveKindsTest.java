package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kinds of the change stream are one closed set: the enum, what may be recorded, the rules, the frontend. */
class LiveKindsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final Path FRONTEND_KINDS = Path.of("..", "frontend", "src", "live", "LiveConnection.ts");

    private static Set<String> wireNames() {
        return Arrays.stream(LiveKind.values()).map(LiveKind::wire).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theFrontendsLiveKindUnionListsExactlyTheServersKinds() throws Exception {
        String source = Files.readString(FRONTEND_KINDS);
        Matcher union = Pattern.compile("export type LiveKind\\s*=([^;]*);").matcher(source);
        assertThat(union.find()).as("LiveKind union in " + FRONTEND_KINDS).isTrue();
        Set<String> names = new TreeSet<>();
        Matcher literal = Pattern.compile("'([a-z_]+)'").matcher(union.group(1));
        while (literal.find()) {
            names.add(literal.group(1));
        }
        assertThat(names).isEqualTo(wireNames());
    }

    @Test
    void everyKindHasAVisibilityRuleAndNothingElseDoes() {
        assertThat(new TreeSet<>(LiveVisibility.kinds())).isEqualTo(wireNames());
    }

    @Test
    void anEventOfAnUnknownKindIsNotRecorded() throws Exception {
        Session owner = live.accounts().signUp("Kinds Agency");
        UUID client = live.accounts().createClient(owner, "Kinds Client");
        Tenancy tenancy = new Tenancy(live.server().pool());
        Future<Long> recorded = tenancy.inAgency(owner.agencyId(),
                sql -> EventStore.record(sql, owner.agencyId(), client, "invented", new JsonObject()));
        Throwable failure = recorded.transform(done -> Future.succeededFuture(done.cause()))
                .await(10, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invented");
        long stored = tenancy.inAgency(owner.agencyId(),
                sql -> EventStore.positions(sql, owner.agencyId(), java.util.List.of(client)))
                .await(10, TimeUnit.SECONDS).get(client).latest();
        assertThat(stored).as("nothing was numbered for it").isZero();
    }
}
