package com.zoomfactor.backend.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty handler on every HTTP/1.x connection, right after the response encoder, for what Vert.x has no option for:
 * <ul>
 *   <li>the <b>header-read deadline</b>: a connection must deliver a request's complete headers within
 *   {@link #HEADER_TIMEOUT_SECONDS} of opening, and on a kept-alive connection within as long of the next request's
 *   first byte; otherwise it gets a {@code 408} JSON answer and is closed (an idle kept-alive connection is closed
 *   silently by the idle timeout instead: a 408 nobody asked for confuses clients). Trickling a header line every few seconds, or never sending a byte, no
 *   longer holds a connection open. A connection upgraded to a WebSocket is left alone.</li>
 *   <li>a <b>malformed request body</b> (a bad chunk size): Netty reports it with the cause alone, which Vert.x Web
 *   takes for a server fault; wrapped in a {@link DecoderException} it is answered as the client's mistake (400).</li>
 * </ul>
 * Vert.x calls its connection handler at accept time only when h2c is off (otherwise the HTTP/1 pipeline is built on
 * the first bytes), so the server turns h2c off.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {

    /** How long a client has to send a request's complete headers. */
    public static final long HEADER_TIMEOUT_SECONDS = 10;
    /**
     * A request body must keep coming: at least {@link #MIN_BODY_BYTES} in every window of this many seconds until it
     * ends, or the request is refused with 408 (a client trickling a byte every few seconds held a connection forever).
     */
    static final long BODY_WINDOW_SECONDS = 20;
    static final long MIN_BODY_BYTES = 1024;

    private static final Logger ACCESS = LoggerFactory.getLogger("zoomfactor.access");
    static final String NAME = "zfConnectionGuard";

    /** The versions this server speaks on a connection of its own (h2c is off). */
    private static final java.util.Set<HttpVersion> SPOKEN = java.util.Set.of(HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0);

    private final long timeoutMillis;
    private ScheduledFuture<?> deadline;
    private long armedAt;
    private long requests;
    private long answered;
    /** Requests whose body has been read to its end (a request without a body ends with its headers). */
    private long bodiesRead;
    private boolean finalResponseStarted;
    private boolean upgraded;
    private boolean expired;
    /** Between requests on a kept-alive connection: the clock starts with the next request's first byte. */
    private boolean awaitingFirstByte;
    /** While a request's body is being read: its bytes in the current window, and the window's timer. */
    private long bodyBytesInWindow;
    private ScheduledFuture<?> bodyWatch;

    /** Sees the raw bytes, before the decoder: the first one of a request after an answer starts the clock. */
    final class BytesIn extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (awaitingFirstByte && !upgraded && msg instanceof io.netty.buffer.ByteBuf bytes && bytes.isReadable()) {
                awaitingFirstByte = false;
                arm(guardContext);
            }
            super.channelRead(ctx, msg);
        }
    }

    private ChannelHandlerContext guardContext;

    ConnectionGuard(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Puts a guard on the connection's pipeline; Vert.x calls this on the connection's event loop. */
    public static void install(HttpConnection connection, long timeoutMillis) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get("httpEncoder") != null && pipeline.get("httpDecoder") != null && pipeline.get(NAME) == null) {
                ConnectionGuard guard = new ConnectionGuard(timeoutMillis);
                pipeline.addAfter("httpEncoder", NAME, guard);
                pipeline.addBefore("httpDecoder", NAME + "Bytes", guard.new BytesIn());
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        guardContext = ctx;
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        stopWatchingBody();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
        stopWatchingBody();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        // Vert.x closes a connection whose input failed while it is still reading, before its answer (the 400 for a
        // malformed body) has been flushed: flush it first, or the client gets a bare close
        ctx.flush();
        super.close(ctx, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (expired) {
            // answered 408 already: what the decoder makes of the rest (a cut-off request at the close) is nobody's
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && !SPOKEN.contains(request.protocolVersion())) {
            // Vert.x answers another version (HTTP/9.9, the HTTP/2 preface on an HTTP/1 port) with a bare 501
            ReferenceCountUtil.release(msg);
            ACCESS.info("{} {} 505 0ms", request.method(), LoggedPath.redact(request.uri().split("\\?", 2)[0]));
            refuse(ctx, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "Only HTTP/1.1 and HTTP/1.0 are spoken here");
            return;
        }
        if (msg instanceof HttpRequest) {
            // the headers are complete (or were refused by the decoder, which Vert.x answers): the clock stops
            requests++;
            disarm();
            if (!(msg instanceof LastHttpContent)) {
                watchBody(ctx);
            }
        }
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
            bodyBytesInWindow += content.content().readableBytes();
        }
        if (msg instanceof LastHttpContent) {
            stopWatchingBody();
            // the request's body is read to its end: if it was answered before that (a 404 or 413 to an upload), the
            // connection is idle only now, and only bytes after this start the next request's clock
            bodiesRead++;
            if (!upgraded && answered >= requests && bodiesRead >= requests) {
                awaitingFirstByte = true;
            }
        }
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest) && content.decoderResult().isFailure()
                && !(content.decoderResult().cause() instanceof DecoderException)) {
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(content);
            DefaultLastHttpContent failed = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            failed.setDecoderResult(DecoderResult.failure(new DecoderException(new MalformedRequest(cause))));
            msg = failed;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            int status = response.status().code();
            if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                upgraded = true;
                disarm();
                stopWatchingBody();
            } else if (status >= 200) {
                finalResponseStarted = true;
            }
        }
        if (msg instanceof LastHttpContent && finalResponseStarted) {
            finalResponseStarted = false;
            answered++;
            if (!upgraded && answered >= requests && bodiesRead >= requests) {
                // every request read so far is answered: an idle kept-alive connection is the idle timeout's to
                // close (silently); the next request's first byte starts the header clock again
                awaitingFirstByte = true;
            }
        }
        super.write(ctx, msg, promise);
    }

    private void watchBody(ChannelHandlerContext ctx) {
        stopWatchingBody();
        bodyBytesInWindow = 0;
        bodyWatch = ctx.executor().scheduleAtFixedRate(() -> {
            // reading paused by the server itself (back-pressure) is not the client's slowness
            if (bodyBytesInWindow < MIN_BODY_BYTES && ctx.channel().config().isAutoRead() && ctx.channel().isActive()
                    && !upgraded && !expired) {
                stopWatchingBody();
                ACCESS.info("- - 408 {}ms", TimeUnit.SECONDS.toMillis(BODY_WINDOW_SECONDS));
                if (answered >= requests) {
                    ctx.close(); // answered already (before its body ended): nothing more to say
                } else {
                    refuse(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "The request body stopped arriving: less than "
                            + MIN_BODY_BYTES + " bytes in " + BODY_WINDOW_SECONDS + " s");
                }
            }
            bodyBytesInWindow = 0;
        }, BODY_WINDOW_SECONDS, BODY_WINDOW_SECONDS, TimeUnit.SECONDS);
    }

    private void stopWatchingBody() {
        if (bodyWatch != null) {
            bodyWatch.cancel(false);
            bodyWatch = null;
        }
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        armedAt = System.nanoTime();
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isActive() || upgraded) {
            return;
        }
        ACCESS.info("- - 408 {}ms", (System.nanoTime() - armedAt) / 1_000_000);
        refuse(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "The request headers did not arrive within "
                + timeoutMillis / 1000 + " s");
    }

    /** Answers {@code status} as the JSON error and closes; whatever the client sends after it is dropped. */
    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        expired = true;
        disarm();
        FullHttpResponse refusal = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(ProtocolErrors.body(status.code(), message).getBytes()));
        refusal.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JsonResponses.JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, refusal.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        // written from here, the answer goes straight to the response encoder
        ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
    }
}
