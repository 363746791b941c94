import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor for {@code bench/live.sh}: the least a Vert.x 5 server can do to fan messages out. WebSocket clients send
 * {"type":"subscribe","clientId":K} and get {"type":"subscribed"}; {@code POST /publish/K} with a text body sends that
 * text to every socket subscribed to K, then answers 204; {@code POST /publish-batch} does the same for many events at
 * once (one {@code KEY<TAB>TEXT} a line: the fan-out phase's batches). No database, no auth, no sequencing, no bounded queues.
 * Like Zoom Factor's live hub, one HTTP verticle per core, one shard of sockets per event loop, one task per message
 * per loop.
 *
 * Usage: java -cp zoom-factor.jar:bench/target/classes MinimalBroadcastServer PORT [instances]
 */
public class MinimalBroadcastServer extends VerticleBase {

    static final List<Shard> SHARDS = new CopyOnWriteArrayList<>();

    static final class Shard {
        final Context context;
        final Map<String, List<ServerWebSocket>> byKey = new HashMap<>();

        Shard(Context context) {
            this.context = context;
        }
    }

    private final int port;

    MinimalBroadcastServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Shard shard = new Shard(context);
        SHARDS.add(shard);
        return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("localhost"))
                .webSocketHandler(ws -> {
                    List<String> keys = new ArrayList<>();
                    ws.textMessageHandler(text -> {
                        String key = new io.vertx.core.json.JsonObject(text).getString("clientId");
                        shard.byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(ws);
                        keys.add(key);
                        ws.writeTextMessage("{\"type\":\"subscribed\",\"clientId\":\"" + key + "\"}");
                    });
                    ws.closeHandler(closed -> keys.forEach(key -> {
                        List<ServerWebSocket> list = shard.byKey.get(key);
                        if (list != null) {
                            list.remove(ws);
                        }
                    }));
                })
                .requestHandler(request -> {
                    if (request.method() == HttpMethod.POST && request.path().equals("/publish-batch")) {
                        publishBatch(request);
                        return;
                    }
                    if (request.method() != HttpMethod.POST || !request.path().startsWith("/publish/")) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    String key = request.path().substring("/publish/".length());
                    request.body().onSuccess(body -> {
                        String text = body.toString();
                        for (Shard each : SHARDS) {
                            each.context.runOnContext(ignored -> {
                                List<ServerWebSocket> list = each.byKey.get(key);
                                if (list != null) {
                                    for (ServerWebSocket socket : list) {
                                        socket.writeTextMessage(text);
                                    }
                                }
                            });
                        }
                        request.response().setStatusCode(204).end();
                    });
                })
                .listen();
    }

    /**
     * {@code POST /publish-batch}: many events in one request, one a line, {@code KEY<TAB>TEXT}; each is sent like a
     * {@code POST /publish/KEY} (one task per event per event loop), then 204.
     */
    private static void publishBatch(io.vertx.core.http.HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String all = body.toString();
            int from = 0;
            while (from < all.length()) {
                int end = all.indexOf('\n', from);
                if (end < 0) {
                    end = all.length();
                }
                int tab = all.indexOf('\t', from);
                if (tab > from && tab < end) {
                    String key = all.substring(from, tab);
                    String text = all.substring(tab + 1, end);
                    for (Shard each : SHARDS) {
                        each.context.runOnContext(ignored -> {
                            List<ServerWebSocket> list = each.byKey.get(key);
                            if (list != null) {
                                for (ServerWebSocket socket : list) {
                                    socket.writeTextMessage(text);
                                }
                            }
                        });
                    }
                }
                from = end + 1;
            }
            request.response().setStatusCode(204).end();
        });
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new MinimalBroadcastServer(port), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("minimal broadcast server listening on " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}
