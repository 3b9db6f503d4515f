package io.entityflow.flink.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One client connection of the gateway. Each complete request becomes an {@link HttpExchange} handed to the
 * gateway; its answer, given from whatever thread completes it, is written here on the connection's I/O thread.
 * A client may send its next request before the answer to the last (HTTP/1.1 pipelining): that one waits, and
 * the connection stops reading, until the answer is written, so answers leave in the order of the requests.
 * While a request is answered and none waits behind it the connection reads on: a client that sends one request
 * at a time (nearly all do) then never makes it stop and start again, each of which is a system call
 * ({@code epoll_ctl}; two per request were a fifth of the gateway's CPU under load).
 * It also stops reading while the client does not take its answers (the outbound buffer over Netty's high-water
 * mark), so a client that only sends cannot fill the heap; and after a request that asked to close, whose
 * followers are dropped unread. A client that shuts its sending side (half-close) still gets its answers.
 * All fields are used on the I/O thread only.
 */
final class GatewayConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final byte[] LAST_RESORT = "{\"error\":{\"code\":\"internal_error\",\"message\":\"unexpected error in the gateway\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final Consumer<HttpExchange> handler;
    private final ArrayDeque<HttpExchange> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpExchange current;
    private boolean draining;
    private boolean closing;
    private boolean inputShut;

    /** A request whose body went over the limit: its head only, the rest of its body is skipped. */
    record Oversized(HttpRequest head) {
    }

    GatewayConnection(Consumer<HttpExchange> handler) {
        this.handler = handler;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        HttpExchange exchange;
        if (message instanceof FullHttpRequest request) {
            try {
                exchange = read(request);
            } finally {
                request.release();
            }
        } else if (message instanceof Oversized oversized) {
            HttpRequest head = oversized.head();
            exchange = new HttpExchange(head.method().name(), head.protocolVersion(), head.uri(), head.headers(), new byte[0],
                    new HttpExchange.Refusal(413, "the body is over the limit"), HttpUtil.isKeepAlive(head), this);
        } else {
            ctx.fireChannelRead(message);
            return;
        }
        if (closing) {
            return; // sent after a request that closes the connection: never run
        }
        if (!exchange.keepAlive()) {
            closing = true;
        }
        waiting.add(exchange);
        startNext();
    }

    private HttpExchange read(FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            String why = decoded.cause() == null || decoded.cause().getMessage() == null ? "malformed HTTP request"
                    : "malformed HTTP request: " + decoded.cause().getMessage();
            // what follows a request that could not be parsed cannot be trusted either: answer, then close
            // the version it gives is a placeholder, not the client's: answer in the server's own
            return new HttpExchange(request.method().name(), HttpVersion.HTTP_1_1, request.uri(), request.headers(), new byte[0],
                    new HttpExchange.Refusal(400, why), false, this);
        }
        return new HttpExchange(request.method().name(), request.protocolVersion(), request.uri(), request.headers(), ByteBufUtil.getBytes(request.content()),
                null, HttpUtil.isKeepAlive(request), this);
    }

    /**
     * Starts the waiting requests one after the other while each is answered at once, in a loop (not recursively
     * from the answer, which a long pipelined burst would turn into a stack overflow); then reads on only if nothing
     * waits and the client takes its answers.
     */
    private void startNext() {
        if (draining) {
            return; // an answer given inside start(): the loop below goes on
        }
        draining = true;
        try {
            HttpExchange next;
            while (current == null && (next = waiting.poll()) != null) {
                start(next);
            }
        } finally {
            draining = false;
        }
        updateReading();
    }

    /**
     * Reads on only while no request waits behind the one being answered, no close was asked for, and the client
     * takes its answers. Netty's setter does nothing when the value is unchanged.
     */
    private void updateReading() {
        ctx.channel().config().setAutoRead(waiting.isEmpty() && !closing && ctx.channel().isWritable());
    }

    private void start(HttpExchange exchange) {
        current = exchange;
        try {
            handler.accept(exchange);
        } catch (Throwable unexpected) { // the gateway answers its own failures; this is the last resort
            LOG.error("unexpected failure handling {} {}", exchange.method(), exchange.path(), unexpected);
            exchange.respond(500, JsonResponses.JSON, LAST_RESORT);
        }
    }

    /** Called by {@link HttpExchange#respond}, from any thread. */
    void answer(HttpExchange exchange, int status, String contentType, byte[] content, String challenge) {
        FullHttpResponse response = new DefaultFullHttpResponse(exchange.version(), HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(content));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, content.length);
        if (challenge != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        HttpUtil.setKeepAlive(response, exchange.keepAlive()); // says so to an HTTP/1.0 client
        if (ctx.executor().inEventLoop()) {
            write(exchange, response);
        } else {
            ctx.executor().execute(() -> write(exchange, response));
        }
    }

    private void write(HttpExchange exchange, FullHttpResponse response) {
        if (exchange != current) { // only the current exchange has been handed out, so only it can be answered
            response.release();
            throw new IllegalStateException("an answer to " + exchange.method() + " " + exchange.path() + " out of turn");
        }
        current = null;
        if (!exchange.keepAlive()) {
            waiting.clear();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response);
        startNext();
        closeIfClientDone();
    }

    /** A client that shut its sending side gets the answers it is owed, then the connection closes. */
    private void closeIfClientDone() {
        if (inputShut && current == null && waiting.isEmpty()) {
            // behind the answers still being flushed: a bare close() would drop what the socket has not taken yet
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!draining) {
            updateReading();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && current == null && waiting.isEmpty()) {
            ctx.close(); // nothing asked for a while: free the connection (a client reconnects)
        } else if (event instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            closeIfClientDone();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) { // a client that goes away is no news
            LOG.warn("closing a gateway connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
