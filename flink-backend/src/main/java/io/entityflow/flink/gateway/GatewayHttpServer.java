package io.entityflow.flink.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's HTTP/1.1 server, on Netty. Chosen over Jetty behind Javalin (docs/benchmarks.md, "Fifth session"):
 * measured side by side on this workload's shape — small requests answered later from another thread — it took
 * about a third of the CPU per request and kept its tail short where Jetty's thread hand-offs did not. Its I/O
 * threads parse a request, hand it to the gateway and write the answer; the gateway's handlers must not block
 * them (they submit to the job and answer when its future completes).
 */
final class GatewayHttpServer implements AutoCloseable {
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADERS = 16384;
    private static final int MAX_CHUNK = 16384;
    private static final int IDLE_SECONDS = 120;
    private static final int ACCEPT_BACKLOG = 4096;
    private final EventLoopGroup group;
    private final Channel listening;

    private GatewayHttpServer(EventLoopGroup group, Channel listening) {
        this.group = group;
        this.listening = listening;
    }

    /** Binds {@code host:port} (0: any free port) and hands every request to {@code handler} on an I/O thread. */
    static GatewayHttpServer start(String host, int port, long maxBodyBytes, Consumer<HttpExchange> handler) {
        boolean epoll = Epoll.isAvailable(); // Linux: Netty's native transport; elsewhere the JDK's
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("entityflow-gateway-io", true), io);
        int maxBody = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        try {
            Channel listening = new ServerBootstrap().group(group).channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // a client may send its request and shut its side (e.g. nc -N): answer, then close (GatewayConnection)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(
                                    // first, so bytes of a request still arriving count as activity
                                    new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                                    new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK),
                                    new BodyLimit(maxBody),
                                    new GatewayConnection(handler));
                        }
                    })
                    .bind(host, port).syncUninterruptibly().channel();
            return new GatewayHttpServer(group, listening);
        } catch (Exception e) { // a BindException arrives undeclared
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("the gateway cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Collects a request's body up to the limit. Over it, the request goes on as {@link GatewayConnection.Oversized}
     * (answered 413 in JSON like every other refusal) and the rest of its body is read and dropped, so the
     * connection stays usable; Netty's own answer would be a bare 413.
     */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit(int maxBodyBytes) {
            super(maxBodyBytes);
        }

        /**
         * Netty would answer an {@code Expect: 100-continue} over the limit itself, with a bare 413 written ahead of
         * any answer still due on the connection: no "continue" then, and the request goes the oversized way.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            if (HttpUtil.getContentLength(start, -1L) > maxContentLength) {
                return null;
            }
            return super.newContinueResponse(start, maxContentLength, pipeline);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            if (oversized instanceof HttpRequest request) {
                ctx.fireChannelRead(new GatewayConnection.Oversized(request));
            } else {
                ctx.close();
            }
        }
    }
}
