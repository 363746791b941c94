import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live dashboards under ingestion, against a minimal Vert.x broadcast server driven the same way (see bench/live.sh,
 * which starts both servers as separate JVMs and this load generator as a third).
 *
 * <ol>
 * <li>Setup: an agency, its owner plus an invited analyst (people) and API tokens (machines), enough for 10 sockets
 *     per credential (the server's cap per person or token); 500 clients; one
 *     more client with 2 years of daily data for 25 metrics.</li>
 * <li>5,000 WebSockets on each server: 10 per client, with tickets of the credentials in turn; each subscribes to its
 *     client. The same 5,000 on the minimal server (no tickets there).</li>
 * <li>Steady phase, per server: batches of 1–3 new points at a fixed rate, round-robin over the 500 clients; latency from
 *     just before the POST is sent to the arrival of its "observations" event at each of the 10 sockets.</li>
 * <li>Saturation phase, per server: the same batches, a fixed number in flight (closed loop): the most it ingests and
 *     delivers (Zoom Factor's figure is bounded by the ingest path: HTTP, auth, a transaction per batch).</li>
 * <li>Fan-out saturation phase, per server (when ZF_BENCH_DB_PORT names the server's embedded PostgreSQL): events
 *     recorded straight into the database like EventStore.RECORD, 100 clients per transaction, 5 transactions in
 *     flight, each followed by the next once delivered (closed loop on delivery); the minimal server gets the same
 *     batches through POST /publish-batch. Isolates delivery from ingestion.</li>
 * <li>Client page: the calls the SPA makes when opening the 2-year client, with its concurrency, 50 times.</li>
 * </ol>
 * Server heap: {@code jcmd PID GC.heap_info} (after a {@code GC.run} for the live set) before, sampled during, after.
 *
 * Usage: LiveBench zfPort zfPid minPort minPid pgPid [seconds=40] [rate=200] [clients=500] [perClient=10]
 *        [saturateSeconds=15] [inFlight=16] [pageLoads=50] [fanoutSeconds=15] [fanoutInFlight=5]
 *        (environment: ZF_BENCH_DB_PORT, the embedded PostgreSQL's port; ZF_BENCH_JFR, a file for a JFR profile of the
 *        server during its fan-out phase)
 */
public class LiveBench {

    static final int MAX_BATCHES = 4096;
    static final String METRIC = "web.unique_visitors";
    static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1);

    static Vertx vertx;
    static long pgPid;
    static long serverPid;

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable failure) {
            // Vert.x threads would keep the JVM (and bench/live.sh) alive
            failure.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        int zfPort = Integer.parseInt(args[0]);
        long zfPid = Long.parseLong(args[1]);
        int minPort = Integer.parseInt(args[2]);
        long minPid = Long.parseLong(args[3]);
        pgPid = Long.parseLong(args[4]);
        minimalPid = minPid;
        serverPid = zfPid;
        int seconds = arg(args, 5, 40);
        int rate = arg(args, 6, 200);
        int clients = arg(args, 7, 500);
        int perClient = arg(args, 8, 10);
        int saturateSeconds = arg(args, 9, 15);
        int inFlight = arg(args, 10, 16);
        int pageLoads = arg(args, 11, 50);
        int fanoutSeconds = arg(args, 12, 15);
        int fanoutInFlight = arg(args, 13, 5);

        vertx = Vertx.vertx();
        Api zf = new Api(zfPort, 32);
        Api min = new Api(minPort, 32);
        List<String> out = new ArrayList<>();
        long t0 = System.nanoTime();

        // ------------------------------------------------------------------------------------------------ setup
        JsonObject session = zf.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Live Bench").put("name", "Owner").put("email", "owner-" + UUID.randomUUID() + "@example.com")
                .put("password", "a long bench password")).await(60, TimeUnit.SECONDS);
        String owner = session.getString("accessToken");
        List<String> credentials = new ArrayList<>();
        credentials.add(owner);
        try {
            JsonObject invitation = zf.call(HttpMethod.POST, "/api/members/invitations", owner, new JsonObject()
                    .put("email", "analyst-" + UUID.randomUUID() + "@example.com").put("role", "analyst"))
                    .await(30, TimeUnit.SECONDS);
            JsonObject analyst = zf.call(HttpMethod.POST, "/api/auth/accept-invitation", null, new JsonObject()
                    .put("token", invitation.getString("token")).put("name", "Analyst")
                    .put("password", "another long bench password")).await(30, TimeUnit.SECONDS);
            credentials.add(analyst.getString("accessToken"));
        } catch (Exception e) {
            System.out.println("(no invited analyst: " + e.getMessage() + ")");
        }
        String writer = null;
        int people = credentials.size();
        // a person or token holds at most 10 sockets at once (LiveHub.MAX_SOCKETS_PER_HOLDER): enough tokens for the rest
        int tokens = Math.max(3, (clients * perClient + 9) / 10 - people);
        for (int i = 0; i < tokens; i++) {
            String token = zf.call(HttpMethod.POST, "/api/tokens", owner, new JsonObject().put("name", "bench " + i)
                    .put("scopes", new JsonArray().add("read").add("metrics:write"))).await(30, TimeUnit.SECONDS)
                    .getString("token");
            credentials.add(token);
            writer = token;
        }
        String[] ids = new String[clients];
        AtomicInteger made = new AtomicInteger();
        parallel(16, clients, i -> zf.call(HttpMethod.POST, "/api/clients", owner,
                new JsonObject().put("name", "Client " + i)).map(c -> ids[i] = c.getString("id")));
        String pageClient = zf.call(HttpMethod.POST, "/api/clients", owner, new JsonObject().put("name", "Two years"))
                .await(30, TimeUnit.SECONDS).getString("id");
        JsonArray catalogue = zf.call(HttpMethod.GET, "/api/metrics", owner, null).await(30, TimeUnit.SECONDS)
                .getJsonArray("list");
        int loadedMetrics = loadTwoYears(zf, writer, pageClient, catalogue, 25);
        System.out.printf("setup: %d credentials (%d people), %d clients, 2-year client with %d metrics × 730 days (%.0f s)%n",
                credentials.size(), people, clients, loadedMetrics, (System.nanoTime() - t0) / 1e9);

        Heap zfHeap = new Heap("Zoom Factor", zfPid);
        Heap minHeap = new Heap("minimal", minPid);
        zfHeap.live("before sockets");
        minHeap.live("before sockets");

        // ---------------------------------------------------------------------------------------------- sockets
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setDefaultHost("localhost").setConnectTimeout(30_000));
        Fleet zfFleet = new Fleet("Zoom Factor", ids, perClient);
        Fleet minFleet = new Fleet("minimal", ids, perClient);
        long connectStart = System.nanoTime();
        parallel(64, clients * perClient, n -> {
            int c = n / perClient;
            String credential = credentials.get(n % credentials.size());
            return zf.call(HttpMethod.POST, "/api/live/ticket", credential, null)
                    .compose(ticket -> wsClient.connect(new WebSocketConnectOptions().setPort(zfPort)
                            .setURI("/api/live?ticket=" + ticket.getString("ticket"))
                            .putHeader("Origin", "http://localhost:" + zfPort)))
                    .compose(ws -> zfFleet.attach(ws, c));
        });
        double zfConnect = (System.nanoTime() - connectStart) / 1e9;
        connectStart = System.nanoTime();
        parallel(64, clients * perClient, n -> wsClient.connect(new WebSocketConnectOptions().setPort(minPort)
                .setURI("/ws")).compose(ws -> minFleet.attach(ws, n / perClient)));
        double minConnect = (System.nanoTime() - connectStart) / 1e9;
        System.out.printf("sockets: %d subscribed on Zoom Factor in %.1f s, %d on minimal in %.1f s%n",
                zfFleet.subscribed.get(), zfConnect, minFleet.subscribed.get(), minConnect);
        quiet(zfFleet, 3_000, 60_000);
        zfHeap.live("5,000 sockets, idle");
        minHeap.live("5,000 sockets, idle");

        // ------------------------------------------------------------------------------------------------ steady
        String writerToken = writer;
        Sender zfSend = (c, k) -> zf.call(HttpMethod.POST, "/api/clients/" + ids[c] + "/observations", writerToken,
                batch(k));
        Sender minSend = (c, k) -> min.call(HttpMethod.POST, "/publish/" + ids[c], null, event(ids[c], k));
        // warm-up: a few seconds of each (JIT on both sides), not counted
        steady(zfFleet, zfSend, 5, rate, clients, null).name = "warm-up";
        steady(minFleet, minSend, 5, rate, clients, null).name = "warm-up";
        quiet(zfFleet, 2_000, 30_000);
        Phase zfSteady = steady(zfFleet, zfSend, seconds, rate, clients, zfHeap);
        quiet(zfFleet, 2_000, 30_000);
        Phase minSteady = steady(minFleet, minSend, seconds, rate, clients, minHeap);
        quiet(zfFleet, 2_000, 30_000);
        Phase zfSat = saturate(zfFleet, zfSend, saturateSeconds, inFlight, clients, zfHeap);
        quiet(zfFleet, 2_000, 60_000);
        Phase minSat = saturate(minFleet, minSend, saturateSeconds, inFlight, clients, minHeap);
        quiet(minFleet, 2_000, 30_000);
        // fan-out saturation: events enter through the database (Zoom Factor) or a batch publish (minimal), no ingest
        Phase zfFan = null;
        Phase minFan = null;
        FanDb fanDb = null;
        String dbPort = System.getenv("ZF_BENCH_DB_PORT");
        if (dbPort != null && !dbPort.isBlank() && fanoutSeconds > 0) {
            fanDb = new FanDb(Integer.parseInt(dbPort), ids, fanoutInFlight);
            FanDb db = fanDb;
            BatchSender zfFanSend = db::record;
            BatchSender minFanSend = (cs, ks) -> {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < cs.length; i++) {
                    body.append(ids[cs[i]]).append('\t').append(event(ids[cs[i]], ks[i])).append('\n');
                }
                return min.call(HttpMethod.POST, "/publish-batch", null, Buffer.buffer(body.toString()));
            };
            fanout(zfFleet, zfFanSend, 3, fanoutInFlight, clients, null, false).name = "warm-up";
            quiet(zfFleet, 2_000, 30_000);
            fanout(minFleet, minFanSend, 3, fanoutInFlight, clients, null, false).name = "warm-up";
            quiet(minFleet, 2_000, 30_000);
            zfFan = fanout(zfFleet, zfFanSend, fanoutSeconds, fanoutInFlight, clients, zfHeap, true);
            quiet(zfFleet, 2_000, 60_000);
            minFan = fanout(minFleet, minFanSend, fanoutSeconds, fanoutInFlight, clients, minHeap, false);
            quiet(minFleet, 2_000, 30_000);
        } else {
            System.out.println("(no fan-out phase: ZF_BENCH_DB_PORT not set)");
        }
        zfHeap.live("after ingestion, 5,000 sockets still open");
        minHeap.live("after ingestion, 5,000 sockets still open");
        int zfOpenAtEnd = zfFleet.open.get();
        zfFleet.closeAll();
        minFleet.closeAll();
        Thread.sleep(2_000);
        double settled = idle(zfPid, 60);
        System.out.printf("sockets closed; Zoom Factor and PostgreSQL idle again after %.1f s%n", settled);
        zfHeap.live("sockets closed");
        minHeap.live("sockets closed");

        // ------------------------------------------------------------------------------------------- page loads
        PageLoads pages = pageLoads(new Api(zfPort, 8), owner, pageClient, pageLoads);

        // --------------------------------------------------------------------------------------------- results
        System.out.println();
        System.out.printf("%d clients × %d sockets = %d WebSockets per server; %d credentials; steady %d batches/s for %d s,"
                        + " saturation %d in flight for %d s; batches of 1–3 new points (%s)%n", clients, perClient,
                clients * perClient, credentials.size(), rate, seconds, inFlight, saturateSeconds, METRIC);
        System.out.println();
        System.out.println("| phase | server | batches sent | obs. events delivered (missing) | obs. msg/s | all msg/s | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<Phase> all = new ArrayList<>(List.of(zfSteady, minSteady, zfSat, minSat));
        if (zfFan != null) {
            all.add(zfFan);
            all.add(minFan);
        }
        for (Phase p : all) {
            System.out.println(p.row());
        }
        System.out.println();
        System.out.println("| CPU (cores busy, of " + Runtime.getRuntime().availableProcessors()
                + ") | server | server JVM | PostgreSQL | load generator | total | other processes | server+DB µs CPU per message |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Phase p : all) {
            System.out.println(p.cpuRow());
        }
        System.out.println();
        System.out.printf("| ratio Zoom Factor ÷ minimal | steady | saturation |%n|---|---|---|%n");
        System.out.printf("| observation msg/s | %.2f | %.2f |%n", zfSteady.obsRate() / minSteady.obsRate(),
                zfSat.obsRate() / minSat.obsRate());
        System.out.printf("| all event msg/s (Zoom Factor also sends score/presence) | %.2f | %.2f |%n",
                zfSteady.allRate() / minSteady.allRate(), zfSat.allRate() / minSat.allRate());
        System.out.println();
        if (zfFan != null) {
            System.out.printf("fan-out saturation (%d s, %d batches in flight, one event per client of a %d-client slice"
                    + " per transaction / request):%n", fanoutSeconds, fanoutInFlight, clients / fanoutInFlight);
            System.out.printf("| fan-out | Zoom Factor | minimal | ratio |%n|---|---|---|---|%n");
            System.out.printf("| delivered msg/s | %.0f | %.0f | **%.2f** |%n", zfFan.obsRate(), minFan.obsRate(),
                    zfFan.obsRate() / minFan.obsRate());
            System.out.printf("| events/s entering (commits × events, or published) | %.0f | %.0f | |%n",
                    zfFan.batches.get() / zfFan.window, minFan.batches.get() / minFan.window);
            System.out.printf("| server JVM µs CPU per delivered message | %.1f | %.1f | |%n",
                    zfFan.cpuUsed[0] * 1e6 / Math.max(1, zfFan.allRate()), minFan.cpuUsed[0] * 1e6 / Math.max(1, minFan.allRate()));
            System.out.printf("| PostgreSQL µs CPU per event recorded (the bench's transactions + the LISTEN connection) | %.1f | — | |%n",
                    zfFan.cpuUsed[1] * 1e6 / Math.max(1, zfFan.batches.get() / zfFan.window));
            System.out.printf("| batches not delivered within 5 s | %d | %d | |%n", zfFan.timedOut.get(), minFan.timedOut.get());
            System.out.printf("| transaction / request round trip, mean ms (send → COMMIT or 204 answered) | %.2f | %.2f | |%n",
                    zfFan.roundTrips.get() / 1e6 / Math.max(1, zfFan.requests.get()),
                    minFan.roundTrips.get() / 1e6 / Math.max(1, minFan.requests.get()));
            System.out.println();
        }
        System.out.println("| server heap (MB) | Zoom Factor | minimal |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < zfHeap.rows.size(); i++) {
            System.out.printf("| %s | %s | %s |%n", zfHeap.rows.get(i)[0], zfHeap.rows.get(i)[1],
                    i < minHeap.rows.size() ? minHeap.rows.get(i)[1] : "");
        }
        System.out.printf("(Zoom Factor sockets still open at the end: %d of %d; closed by the server as too slow: %d)%n",
                zfOpenAtEnd, clients * perClient, zfFleet.closedByServer.get());
        System.out.println();
        System.out.println(pages.table());
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    // --------------------------------------------------------------------------------------------- fan-out

    interface BatchSender {
        /** Event ks[i] of client cs[i], for every i, in one transaction or request. */
        Future<?> send(int[] clients, int[] batches);
    }

    /**
     * Records events the way committed changes do (EventStore.RECORD: the client's next live sequence number, the
     * event row, pg_notify at commit), straight into the server's embedded PostgreSQL, many clients per statement.
     * Connections are the superuser's, switched to the server's role (zoomfactor_app) so that row-level security
     * applies as it does to the server; each transaction names the agency like Tenancy.inAgency.
     */
    static final class FanDb {
        static final String RECORD_MANY = """
                WITH input AS (
                     SELECT * FROM unnest($2::uuid[], $4::text[]) WITH ORDINALITY AS i(client_id, data, n)),
                next AS (
                     INSERT INTO live_sequences AS s (agency_id, client_id, seq)
                     SELECT $1, client_id, 1 FROM input ORDER BY n
                     ON CONFLICT (agency_id, client_id) DO UPDATE SET seq = s.seq + 1
                     RETURNING client_id, seq),
                stored AS (
                     INSERT INTO live_events (agency_id, client_id, seq, kind, data)
                     SELECT $1, next.client_id, next.seq, $3, input.data::jsonb FROM next JOIN input USING (client_id)
                     RETURNING client_id, seq, kind, data)
                SELECT seq, pg_notify('zf_live', json_build_object(
                            'agencyId', $1::uuid, 'clientId', client_id, 'seq', seq, 'kind', kind,
                            'data', CASE WHEN octet_length(data::text) <= 7000 THEN data END)::text)
                  FROM stored""";
        final UUID agency;
        final UUID[] clientIds;
        final List<io.vertx.pgclient.PgConnection> connections = new ArrayList<>();
        final java.util.concurrent.ConcurrentLinkedQueue<io.vertx.pgclient.PgConnection> idle =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        FanDb(int port, String[] ids, int count) throws Exception {
            io.vertx.pgclient.PgConnectOptions options = new io.vertx.pgclient.PgConnectOptions().setHost("localhost")
                    .setPort(port).setDatabase("zoomfactor").setUser("postgres").setPassword("");
            clientIds = Arrays.stream(ids).map(UUID::fromString).toArray(UUID[]::new);
            for (int i = 0; i < count; i++) {
                io.vertx.pgclient.PgConnection c = io.vertx.pgclient.PgConnection.connect(vertx, options)
                        .await(30, TimeUnit.SECONDS);
                c.query("SET ROLE zoomfactor_app").execute().await(30, TimeUnit.SECONDS);
                connections.add(c);
                idle.add(c);
            }
            agency = io.vertx.pgclient.PgConnection.connect(vertx, options).compose(c -> c.preparedQuery(
                    "SELECT agency_id FROM clients WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(clientIds[0]))
                    .eventually(() -> c.close()))
                    .await(30, TimeUnit.SECONDS).iterator().next().getUUID(0);
        }

        /** BEGIN, the agency, the events, COMMIT: pipelined on one connection, one round trip. */
        Future<?> record(int[] cs, int[] ks) {
            io.vertx.pgclient.PgConnection c = idle.poll();
            if (c == null) {
                return Future.failedFuture("no idle connection");
            }
            UUID[] clients = new UUID[cs.length];
            String[] data = new String[cs.length];
            for (int i = 0; i < cs.length; i++) {
                clients[i] = clientIds[cs[i]];
                data[i] = "{\"metrics\":[\"" + METRIC + "\"],\"inserted\":" + pointsOf(ks[i]) + ",\"updated\":0}";
            }
            Future<?> begun = c.query("BEGIN").execute();
            Future<?> set = c.preparedQuery("SELECT set_config('zf.agency_id', $1, true)")
                    .execute(io.vertx.sqlclient.Tuple.of(agency.toString()));
            Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> recorded = c.preparedQuery(RECORD_MANY)
                    .execute(io.vertx.sqlclient.Tuple.tuple().addUUID(agency).addArrayOfUUID(clients)
                            .addString("observations").addArrayOfString(data));
            Future<?> committed = c.query("COMMIT").execute();
            return Future.all(begun, set, recorded, committed).<Object>map(done -> {
                if (recorded.result().size() != cs.length) {
                    throw new IllegalStateException(recorded.result().size() + " events recorded of " + cs.length);
                }
                return done;
            }).onComplete(done -> idle.add(c));
        }

        void close() {
            connections.forEach(c -> c.close());
        }
    }

    /**
     * Closed loop of {@code inFlight} senders, each owning a fixed slice of the clients (so that no two batches in
     * flight share a client, and a client's events are numbered in the order they were stamped): each sends one event
     * to every client of its slice in one transaction / request, and the next as soon as the previous one is answered
     * and delivered to every socket of its clients (or after 5 s: counted as timed out). The loop closes on delivery,
     * not on the commit / 204, so that neither server can be handed more than it delivers (no hidden backlog).
     */
    static Phase fanout(Fleet fleet, BatchSender sender, int seconds, int inFlight, int clients, Heap heap, boolean jfr)
            throws Exception {
        Phase phase = new Phase("fan-out, " + inFlight + " × " + clients / inFlight + " events in flight", fleet.name);
        phase.perClient = fleet.sockets.size() / clients;
        int slice = clients / inFlight;
        String jfrFile = jfr ? System.getenv("ZF_BENCH_JFR") : null;
        if (jfrFile != null && !jfrFile.isBlank()) {
            new Heap("jfr", serverPid).jcmd("JFR.start name=fanout settings=profile filename=" + jfrFile);
        }
        long startNanos = System.nanoTime();
        long stopAt = startNanos + seconds * 1_000_000_000L;
        phase.start = startNanos;
        phase.cpuAtStart = cpu(fleet);
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + phase.name + " on " + fleet.name);
        phase.end = stopAt;
        fleet.phase = phase;
        CountDownLatch stopped = new CountDownLatch(inFlight);
        phase.outstanding = new AtomicInteger[inFlight];
        phase.whenDelivered = new Runnable[inFlight];
        phase.fanSlice = slice;
        for (int w = 0; w < inFlight; w++) {
            int sender_ = w;
            int[] cs = new int[slice];
            for (int i = 0; i < slice; i++) {
                cs[i] = w * slice + i;
            }
            AtomicLong generation = new AtomicLong();
            phase.outstanding[w] = new AtomicInteger(Integer.MAX_VALUE);
            Runnable[] loop = new Runnable[1];
            phase.whenDelivered[w] = () -> {
                long g = generation.get();
                if (generation.compareAndSet(g, g + 1)) {
                    vertx.runOnContext(ignored -> loop[0].run());
                }
            };
            loop[0] = () -> {
                if (System.nanoTime() >= stopAt) {
                    stopped.countDown();
                    return;
                }
                // every message of the batch, plus one for the answer to the transaction / request
                phase.outstanding[sender_].set(slice * phase.perClient + 1);
                long mine = generation.get();
                vertx.setTimer(5_000, late -> {
                    if (generation.compareAndSet(mine, mine + 1)) {
                        phase.timedOut.incrementAndGet();
                        loop[0].run();
                    }
                });
                int[] ks = new int[slice];
                synchronized (fleet) {
                    for (int i = 0; i < slice; i++) {
                        ks[i] = fleet.stamp(cs[i]);
                    }
                }
                phase.batches.addAndGet(slice);
                long sent = System.nanoTime();
                sender.send(cs, ks).onComplete(result -> {
                    phase.roundTrips.addAndGet(System.nanoTime() - sent);
                    phase.requests.incrementAndGet();
                    if (result.failed()) {
                        if (phase.failures.getAndIncrement() < 3) {
                            System.out.println("  fan-out batch failed: " + result.cause().getMessage());
                        }
                        generation.incrementAndGet();
                        stopped.countDown(); // a failed batch leaves its slice's numbering unknown: stop this sender
                        return;
                    }
                    if (phase.outstanding[sender_].decrementAndGet() == 0) {
                        phase.whenDelivered[sender_].run();
                    }
                });
            };
            vertx.runOnContext(ignored -> loop[0].run());
        }
        sample(heap, seconds, phase.name);
        phase.window = seconds;
        phase.cpuUsed(cpu(fleet));
        if (jfrFile != null && !jfrFile.isBlank()) {
            new Heap("jfr", serverPid).jcmd("JFR.stop name=fanout");
        }
        stopped.await(60, TimeUnit.SECONDS);
        drain(fleet, phase);
        fleet.phase = null;
        System.out.printf("%s  (%.0f s; all delivered, or gave up, %.1f s after the end; %d batches not delivered"
                + " within 5 s)%n", phase.row(), phase.window, phase.drained, phase.timedOut.get());
        return phase;
    }

    static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    static final class Api {
        final HttpClient http;

        Api(int port, int connections) {
            http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                    .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
        }

        Future<JsonObject> call(HttpMethod method, String path, String token, Object body) {
            // no call may hang the bench: one the server never answers fails after 20 s (and is reported)
            RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(20_000);
            if (token != null) {
                options.putHeader("Authorization", "Bearer " + token);
            }
            Buffer buffer = body == null ? null : body instanceof Buffer b ? b : body instanceof JsonObject o ? o.toBuffer()
                    : Buffer.buffer(body.toString());
            if (buffer != null) {
                options.putHeader("Content-Type", "application/json");
            }
            return http.request(options)
                    .compose(request -> (buffer == null ? request.send() : request.send(buffer))
                            .compose(response -> response.body().map(bytes -> {
                        if (response.statusCode() >= 300) {
                            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + bytes);
                        }
                        return bytes.length() == 0 ? new JsonObject() : bytes.toJsonValue() instanceof JsonObject o ? o
                                : new JsonObject().put("list", bytes.toJsonArray());
                    })));
        }
    }

    /** Runs {@code count} tasks, at most {@code width} at once; fails on the first failure. */
    static void parallel(int width, int count, Function<Integer, Future<?>> task) throws Exception {
        Semaphore slots = new Semaphore(width);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failures = new AtomicLong();
        List<Throwable> first = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            int n = i;
            vertx.runOnContext(ignored -> task.apply(n).onComplete(result -> {
                if (result.failed() && failures.getAndIncrement() == 0) {
                    synchronized (first) {
                        first.add(result.cause());
                    }
                }
                slots.release();
                done.countDown();
            }));
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("timed out");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " failed", first.get(0));
        }
    }

    // ------------------------------------------------------------------------------------------------- batches

    static int pointsOf(int k) {
        return 1 + k % 3;
    }

    /** Batch k of a client: 1–3 new days of the metric (3 days per batch, never written before). */
    static Buffer batch(int k) {
        JsonArray points = new JsonArray();
        for (int i = 0; i < pointsOf(k); i++) {
            points.add(new JsonObject().put("metric", METRIC).put("date", FIRST_DAY.plusDays(3L * k + i).toString())
                    .put("value", 100 + k + i));
        }
        return new JsonObject().put("points", points).toBuffer();
    }

    /** What the minimal server broadcasts for batch k: the event Zoom Factor would send. */
    static Buffer event(String clientId, int k) {
        return Buffer.buffer("{\"type\":\"event\",\"clientId\":\"" + clientId + "\",\"seq\":" + (k + 1)
                + ",\"kind\":\"observations\",\"data\":{\"metrics\":[\"" + METRIC + "\"],\"inserted\":" + pointsOf(k)
                + ",\"updated\":0}}");
    }

    // ------------------------------------------------------------------------------------------------- sockets

    /** The sockets on one server, and the send times of the batches they should hear of. */
    static final class Fleet {
        final String name;
        final String[] ids;
        final AtomicLongArray sent;
        final AtomicInteger subscribed = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger closedByServer = new AtomicInteger();
        final AtomicLong lastMessage = new AtomicLong(System.nanoTime());
        final int[] nextBatch;
        final List<WebSocket> sockets = new ArrayList<>();
        volatile Phase phase;
        volatile boolean closing;

        Fleet(String name, String[] ids, int perClient) {
            this.name = name;
            this.ids = ids;
            this.sent = new AtomicLongArray(ids.length * MAX_BATCHES);
            this.nextBatch = new int[ids.length];
        }

        Future<Void> attach(WebSocket ws, int c) {
            Promise<Void> ready = Promise.promise();
            int[] observed = {0};
            synchronized (sockets) {
                sockets.add(ws);
            }
            open.incrementAndGet();
            ws.closeHandler(closed -> {
                open.decrementAndGet();
                if (!closing) {
                    closedByServer.incrementAndGet();
                }
                ready.tryFail("closed before subscribed: " + ws.closeStatusCode() + " " + ws.closeReason());
            });
            ws.textMessageHandler(text -> {
                long now = System.nanoTime();
                lastMessage.lazySet(now);
                if (text.startsWith("{\"type\":\"event\"")) {
                    Phase p = phase;
                    boolean obs = text.contains("\"kind\":\"observations\"");
                    if (obs) {
                        int k = observed[0]++;
                        long at = k < MAX_BATCHES ? sent.get(c * MAX_BATCHES + k) : 0;
                        int inserted = inserted(text);
                        if (p != null) {
                            p.event(true, at == 0 || inserted != pointsOf(k) ? -1 : now - at, now);
                            p.delivered(c);
                        }
                    } else if (p != null) {
                        p.event(false, 0, now);
                    }
                } else if (text.startsWith("{\"type\":\"subscribed\"")) {
                    subscribed.incrementAndGet();
                    ready.tryComplete();
                } else if (text.startsWith("{\"type\":\"error\"")) {
                    ready.tryFail(text);
                }
            });
            ws.writeTextMessage("{\"type\":\"subscribe\",\"clientId\":\"" + ids[c] + "\"}");
            return ready.future();
        }

        static int inserted(String text) {
            int at = text.indexOf("\"inserted\":");
            if (at < 0) {
                return -1;
            }
            int from = at + "\"inserted\":".length();
            int to = from;
            while (to < text.length() && Character.isDigit(text.charAt(to))) {
                to++;
            }
            return Integer.parseInt(text, from, to, 10);
        }

        /** Batch number for client c, its send time recorded just before the POST goes out. */
        int stamp(int c) {
            int k = nextBatch[c]++;
            if (k < MAX_BATCHES) {
                sent.set(c * MAX_BATCHES + k, System.nanoTime());
            }
            return k;
        }

        void closeAll() {
            closing = true;
            synchronized (sockets) {
                sockets.forEach(ws -> ws.close());
            }
        }
    }

    /** Waits until a fleet has had no message for {@code silenceMs} (presence and score events settle). */
    static void quiet(Fleet fleet, long silenceMs, long maxMs) throws InterruptedException {
        long deadline = System.nanoTime() + maxMs * 1_000_000;
        while (System.nanoTime() < deadline
                && System.nanoTime() - fleet.lastMessage.get() < silenceMs * 1_000_000) {
            Thread.sleep(100);
        }
    }

    // -------------------------------------------------------------------------------------------------- phases

    interface Sender {
        Future<JsonObject> send(int client, int batch);
    }

    static final class Phase {
        String name;
        final String server;
        double drained;
        double[] cpuAtStart;
        double[] cpuUsed = new double[4];
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong obs = new AtomicLong();
        final AtomicLong unmatched = new AtomicLong();
        final AtomicLong obsInWindow = new AtomicLong();
        /** Fan-out only: the clients per sender, and each sender's messages still to come of its current batch. */
        int fanSlice;
        AtomicInteger[] outstanding;
        Runnable[] whenDelivered;
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicLong roundTrips = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong allInWindow = new AtomicLong();
        long[] latencies = new long[1 << 16];
        int count;
        volatile long start;
        volatile long end = Long.MAX_VALUE;
        double window;
        int perClient;

        Phase(String name, String server) {
            this.name = name;
            this.server = server;
        }

        void event(boolean observations, long latency, long now) {
            boolean inWindow = now >= start && now <= end;
            if (inWindow) {
                allInWindow.incrementAndGet();
            }
            if (!observations) {
                return;
            }
            obs.incrementAndGet();
            if (inWindow) {
                obsInWindow.incrementAndGet();
            }
            if (latency < 0) {
                unmatched.incrementAndGet();
                return;
            }
            synchronized (this) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = latency;
            }
        }

        void delivered(int c) {
            if (fanSlice > 0 && c / fanSlice < outstanding.length) {
                int w = c / fanSlice;
                if (outstanding[w].decrementAndGet() == 0) {
                    whenDelivered[w].run();
                }
            }
        }

        void cpuUsed(double[] now) {
            for (int i = 0; i < 4; i++) {
                cpuUsed[i] = (now[i] - cpuAtStart[i]) / window;
            }
        }

        String cpuRow() {
            return String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |", name, server, cpuUsed[0],
                    cpuUsed[1], cpuUsed[2], cpuUsed[0] + cpuUsed[1] + cpuUsed[2], cpuUsed[3] - cpuUsed[0] - cpuUsed[1] - cpuUsed[2],
                    (cpuUsed[0] + cpuUsed[1]) * 1e6 / Math.max(1, allRate()));
        }

        double obsRate() {
            return obsInWindow.get() / window;
        }

        double allRate() {
            return allInWindow.get() / window;
        }

        String row() {
            long[] sorted;
            synchronized (this) {
                sorted = Arrays.copyOf(latencies, count);
            }
            Arrays.sort(sorted);
            long expected = (long) batches.get() * perClient;
            return String.format("| %s | %s | %d%s | %d (%d) | %.0f | %.0f | %s | %s | %s | %s |", name, server,
                    batches.get(), failures.get() > 0 ? " (" + failures.get() + " failed)" : "", obs.get(),
                    Math.max(0, expected - obs.get()) + unmatched.get(), obsRate(), allRate(),
                    ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), sorted.length == 0 ? "-"
                            : String.format("%.1f", sorted[sorted.length - 1] / 1e6));
        }

        static String ms(long[] sorted, double p) {
            if (sorted.length == 0) {
                return "-";
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return String.format("%.1f", sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6);
        }
    }

    /** A fixed rate of batches, round-robin over the clients, for {@code seconds}; then waits for the deliveries. */
    static Phase steady(Fleet fleet, Sender sender, int seconds, int rate, int clients, Heap heap) throws Exception {
        Phase phase = new Phase("steady " + rate + "/s", fleet.name);
        phase.perClient = fleet.sockets.size() / clients;
        AtomicInteger next = new AtomicInteger();
        long startNanos = System.nanoTime();
        phase.start = startNanos;
        phase.cpuAtStart = cpu(fleet);
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + phase.name + " on " + fleet.name);
        fleet.phase = phase;
        long total = (long) rate * seconds;
        CountDownLatch answered = new CountDownLatch((int) total);
        long periodMs = 10;
        long[] timer = new long[1];
        vertx.runOnContext(ignored -> timer[0] = vertx.setPeriodic(periodMs, tick -> {
            long due = Math.min(total, (System.nanoTime() - startNanos) * rate / 1_000_000_000L + 1);
            while (phase.batches.get() < due) {
                phase.batches.incrementAndGet();
                int c = next.getAndIncrement() % clients;
                int k = fleet.stamp(c);
                sender.send(c, k).onComplete(result -> {
                    if (result.failed() && phase.failures.getAndIncrement() < 3) {
                        System.out.println("  batch failed: " + result.cause().getMessage());
                    }
                    answered.countDown();
                });
            }
            if (phase.batches.get() >= total) {
                vertx.cancelTimer(timer[0]);
            }
        }));
        sample(heap, seconds, phase.name);
        phase.end = startNanos + seconds * 1_000_000_000L;
        phase.window = seconds;
        phase.cpuUsed(cpu(fleet));
        answered.await(60, TimeUnit.SECONDS);
        drain(fleet, phase);
        fleet.phase = null;
        System.out.printf("%s  (%.0f s; all delivered, or gave up, %.1f s after the end)%n", phase.row(),
                phase.window, phase.drained);
        return phase;
    }

    /** {@code inFlight} batches at all times (a new one as each answer arrives), for {@code seconds}. */
    static Phase saturate(Fleet fleet, Sender sender, int seconds, int inFlight, int clients, Heap heap) throws Exception {
        Phase phase = new Phase("saturation, " + inFlight + " in flight", fleet.name);
        phase.perClient = fleet.sockets.size() / clients;
        AtomicInteger next = new AtomicInteger();
        long startNanos = System.nanoTime();
        long stopAt = startNanos + seconds * 1_000_000_000L;
        phase.start = startNanos;
        phase.cpuAtStart = cpu(fleet);
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + phase.name + " on " + fleet.name);
        phase.end = stopAt;
        fleet.phase = phase;
        AtomicInteger running = new AtomicInteger(inFlight);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            if (System.nanoTime() >= stopAt) {
                if (running.decrementAndGet() == 0) {
                    stopped.countDown();
                }
                return;
            }
            phase.batches.incrementAndGet();
            int c = next.getAndIncrement() % clients;
            int k;
            synchronized (fleet) {
                k = fleet.stamp(c);
            }
            sender.send(c, k).onComplete(result -> {
                if (result.failed() && phase.failures.getAndIncrement() < 3) {
                    System.out.println("  batch failed: " + result.cause().getMessage());
                }
                loop[0].run();
            });
        };
        for (int i = 0; i < inFlight; i++) {
            vertx.runOnContext(ignored -> loop[0].run());
        }
        sample(heap, seconds, phase.name);
        phase.window = seconds;
        phase.cpuUsed(cpu(fleet));
        stopped.await(60, TimeUnit.SECONDS);
        drain(fleet, phase);
        fleet.phase = null;
        System.out.printf("%s  (%.0f s; all delivered, or gave up, %.1f s after the end)%n", phase.row(),
                phase.window, phase.drained);
        return phase;
    }

    /** Waits (at most 30 s) for every observations event of the phase to reach every socket. */
    static void drain(Fleet fleet, Phase phase) throws InterruptedException {
        long expected = (long) phase.batches.get() * phase.perClient;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (phase.obs.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        phase.drained = (System.nanoTime() - phase.end) / 1e9;
    }

    static void sample(Heap heap, int seconds, String label) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long max = 0;
        int samples = 0;
        while (System.nanoTime() < until) {
            Thread.sleep(Math.min(5_000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            if (heap != null && System.nanoTime() < until - 500_000_000L) {
                max = Math.max(max, heap.usedKb());
                samples++;
            }
        }
        if (heap != null) {
            heap.rows.add(new String[] {"during " + label + ": highest of " + samples + " samples (used, garbage included)",
                    String.format("%.0f", max / 1024.0)});
        }
    }

    // ----------------------------------------------------------------------------------------------------- CPU

    /** CPU seconds so far: the fleet's server (Zoom Factor's PostgreSQL: postmaster and backends), this JVM. */
    static double[] cpu(Fleet fleet) {
        boolean zf = fleet.name.equals("Zoom Factor");
        double server = zf ? cpuOf(serverPid) : cpuOf(minimalPid);
        double pg = 0;
        if (pgPid > 0) {
            pg += cpuOf(pgPid);
            for (long child : children(pgPid)) {
                pg += cpuOf(child);
            }
        }
        return new double[] {server, pg, cpuOf(ProcessHandle.current().pid()), machineBusy()};
    }

    /** Busy CPU seconds of the whole machine (all processes, ours and others'), from /proc/stat. */
    static double machineBusy() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }

    static long minimalPid;

    static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** utime + stime of a process, in seconds (clock ticks of 1/100 s). */
    static double cpuOf(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Waits until the server and its database use under 10% of a core over a second; returns the seconds waited. */
    static double idle(long pid, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        Fleet probe = new Fleet("Zoom Factor", new String[0], 0);
        double[] before = cpu(probe);
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            Thread.sleep(1_000);
            double[] now = cpu(probe);
            double busy = now[0] - before[0] + now[1] - before[1];
            before = now;
            if (busy < 0.1) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---------------------------------------------------------------------------------------------------- heap

    static final class Heap {
        static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
        final String name;
        final long pid;
        final List<String[]> rows = new ArrayList<>();

        Heap(String name, long pid) {
            this.name = name;
            this.pid = pid;
        }

        long usedKb() throws Exception {
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(2)) : -1;
        }

        /** The live set: used heap right after a full collection. */
        void live(String label) throws Exception {
            jcmd("GC.run");
            rows.add(new String[] {label + ": live after GC.run", String.format("%.0f", usedKb() / 1024.0)});
        }

        String jcmd(String command) throws Exception {
            Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            StringBuilder text = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                reader.lines().forEach(line -> text.append(line).append('\n'));
            }
            process.waitFor(30, TimeUnit.SECONDS);
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------- page load

    /** 2 years of daily values for the first {@code count} catalogue metrics, totals only, one POST per metric. */
    static int loadTwoYears(Api zf, String token, String client, JsonArray catalogue, int count) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int n = Math.min(count, catalogue.size());
        for (int m = 0; m < n; m++) {
            JsonObject metric = catalogue.getJsonObject(m);
            String unit = String.valueOf(metric.getValue("unit")).toLowerCase();
            JsonArray points = new JsonArray();
            for (int d = 0; d < 730; d++) {
                double value = switch (unit) {
                    case "ratio" -> 0.2 + 0.6 * ((d * 37 + m) % 100) / 100.0;
                    case "position" -> 1 + (d * 13 + m) % 40;
                    case "seconds" -> 20 + (d * 7 + m) % 200;
                    default -> 100 + (d * 31 + m * 7) % 500 + d / 10;
                };
                points.add(new JsonObject().put("metric", metric.getString("key"))
                        .put("date", today.minusDays(729 - d).toString()).put("value", value));
            }
            zf.call(HttpMethod.POST, "/api/clients/" + client + "/observations", token,
                    new JsonObject().put("points", points)).await(60, TimeUnit.SECONDS);
        }
        return n;
    }

    record PageLoads(int loads, int calls, double[] wall, double[] sum, double[] slowest) {
        String table() {
            double[] w = wall.clone();
            double[] s = sum.clone();
            double[] x = slowest.clone();
            Arrays.sort(w);
            Arrays.sort(s);
            Arrays.sort(x);
            return String.format("""
                    client page, 2 years × 25 metrics, %d loads after 5 warm-up, %d calls each (ms) | p50 | p95 | max
                    |---|---|---|---|
                    | page load: wall time of the SPA's calls with its concurrency (critical path) | %.1f | %.1f | %.1f |
                    | slowest single call of the load | %.1f | %.1f | %.1f |
                    | sum of all call times (server work, serialised) | %.1f | %.1f | %.1f |""",
                    loads, calls, p(w, 50), p(w, 95), w[w.length - 1], p(x, 50), p(x, 95), x[x.length - 1],
                    p(s, 50), p(s, 95), s[s.length - 1]);
        }

        static double p(double[] sorted, double p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /**
     * One page load as the SPA does it (ClientPage.tsx): the client and the catalogue together; then, together, the
     * score, the score history, the recent posts and, at most 6 at a time (useMetricData's LOAD_CONCURRENCY), the
     * series (90 days, daily) of every metric of the client and the top dimensions of those with a breakdown.
     */
    static PageLoads pageLoads(Api zf, String token, String client, int loads) throws Exception {
        pageContext = vertx.getOrCreateContext();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(89).toString();
        double[] wall = new double[loads];
        double[] sum = new double[loads];
        double[] slowest = new double[loads];
        int calls = 0;
        int failedLoads = 0;
        for (int i = -5; i < loads; i++) {
            List<Double> times = new ArrayList<>();
            long start = System.nanoTime();
            List<Future<JsonObject>> first = List.of(timed(zf, "/api/clients/" + client, token, times),
                    timed(zf, "/api/metrics", token, times));
            try {
                Future.all(first).await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("  page load " + i + " failed: " + e);
                failedLoads++;
                if (i >= 0) {
                    wall[i] = Double.NaN;
                }
                continue;
            }
            JsonObject clientView = first.get(0).result();
            JsonArray catalogue = first.get(1).result().getJsonArray("list");
            JsonArray channels = clientView.getJsonArray("channels", new JsonArray());
            List<String> metricCalls = new ArrayList<>();
            for (int m = 0; m < catalogue.size(); m++) {
                JsonObject metric = catalogue.getJsonObject(m);
                if (!channels.isEmpty() && !channels.contains(metric.getString("channel"))) {
                    continue;
                }
                String key = metric.getString("key");
                metricCalls.add("/api/clients/" + client + "/observations?metric=" + key + "&from=" + from + "&to=" + today
                        + "&granularity=day");
                if (metric.getValue("dimension") != null) {
                    metricCalls.add("/api/clients/" + client + "/dimensions?metric=" + key + "&from=" + from + "&to="
                            + today + "&limit=10");
                }
            }
            List<Future<?>> second = new ArrayList<>();
            second.add(timed(zf, "/api/clients/" + client + "/score", token, times));
            second.add(timed(zf, "/api/clients/" + client + "/score/history?from=" + from + "&to=" + today, token, times));
            second.add(timed(zf, "/api/clients/" + client + "/posts", token, times));
            Promise<Void> metricsDone = Promise.promise();
            AtomicInteger nextCall = new AtomicInteger();
            AtomicInteger workers = new AtomicInteger(6);
            Runnable[] worker = new Runnable[1];
            worker[0] = () -> {
                int n = nextCall.getAndIncrement();
                if (n >= metricCalls.size()) {
                    if (workers.decrementAndGet() == 0) {
                        metricsDone.tryComplete();
                    }
                    return;
                }
                timed(zf, metricCalls.get(n), token, times).onComplete(result -> {
                    if (result.failed()) {
                        metricsDone.tryFail(result.cause());
                    }
                    worker[0].run();
                });
            };
            for (int w = 0; w < 6; w++) {
                pageContext.runOnContext(ignored -> worker[0].run());
            }
            second.add(metricsDone.future());
            try {
                Future.join(second).await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("  page load " + i + " timed out: " + e);
            }
            boolean failed = second.stream().anyMatch(f -> !f.succeeded());
            if (failed) {
                System.out.println("  page load " + i + " had failed calls: " + second.stream().filter(f -> f.failed())
                        .map(f -> f.cause().getMessage()).toList());
                failedLoads++;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            calls = 5 + metricCalls.size();
            if (i >= 0 && failed) {
                wall[i] = Double.NaN;
            } else if (i >= 0) {
                wall[i] = ms;
                synchronized (times) {
                    sum[i] = times.stream().mapToDouble(Double::doubleValue).sum();
                    slowest[i] = times.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                }
            }
        }
        double[] ok = Arrays.stream(wall).filter(w -> !Double.isNaN(w)).toArray();
        double[] okSum = new double[ok.length];
        double[] okSlowest = new double[ok.length];
        for (int i = 0, j = 0; i < loads; i++) {
            if (!Double.isNaN(wall[i])) {
                okSum[j] = sum[i];
                okSlowest[j++] = slowest[i];
            }
        }
        if (failedLoads > 0) {
            System.out.println("  " + failedLoads + " page loads failed (left out of the figures)");
        }
        return new PageLoads(ok.length, calls, ok, okSum, okSlowest);
    }

    /** The page loads' calls are all made from this one event loop (as a browser tab makes them from one thread). */
    static io.vertx.core.Context pageContext;

    static Future<JsonObject> timed(Api zf, String path, String token, List<Double> times) {
        long start = System.nanoTime();
        Promise<JsonObject> answer = Promise.promise();
        pageContext.runOnContext(ignored -> zf.call(HttpMethod.GET, path, token, null).onComplete(answer));
        return answer.future().onComplete(ignored -> {
            synchronized (times) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        });
    }
}
